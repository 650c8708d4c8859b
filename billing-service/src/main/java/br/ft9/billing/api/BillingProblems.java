package br.ft9.billing.api;

import static br.ft9.common.errors.ProblemMappers.problem;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import br.ft9.billing.domain.StripeWebhooks;
import br.ft9.billing.infra.stripe.StripeGateway;

/** problem+json answers for a bad Stripe signature (400) and for Stripe refusing (502) or failing (503). */
public class BillingProblems {

    @ServerExceptionMapper
    public Response badSignature(StripeWebhooks.BadSignature failure) {
        return problem(Response.Status.BAD_REQUEST, failure.getMessage()).build().toResponse();
    }

    @ServerExceptionMapper
    public Response stripeRefused(StripeGateway.Refused failure) {
        return problem(Response.Status.BAD_GATEWAY, failure.getMessage()).build().toResponse();
    }

    @ServerExceptionMapper({ StripeGateway.Unavailable.class, FaultToleranceException.class })
    public Response stripeUnavailable(RuntimeException failure) {
        return problem(Response.Status.SERVICE_UNAVAILABLE, "Stripe could not be reached; try again").build().toResponse();
    }
}
