package br.ft9.auth.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import br.ft9.auth.domain.OrganizationSuspended;
import br.ft9.auth.domain.SignInRefused;
import br.ft9.auth.domain.TooManyAttempts;
import io.quarkiverse.resteasy.problem.HttpProblem;

/** problem+json answers for refused sign-ins. */
public class AuthProblems {

    @ServerExceptionMapper
    public Response refused(SignInRefused refused) {
        return HttpProblem.builder().withStatus(Response.Status.UNAUTHORIZED).withTitle("Unauthorized")
                .withDetail(refused.getMessage()).build().toResponse();
    }

    @ServerExceptionMapper
    public Response tooMany(TooManyAttempts tooMany) {
        return HttpProblem.builder().withStatus(Response.Status.TOO_MANY_REQUESTS).withTitle("Too Many Requests")
                .withDetail(tooMany.getMessage())
                .withHeader("Retry-After", String.valueOf(tooMany.retryAfter().toSeconds()))
                .build().toResponse();
    }

    @ServerExceptionMapper
    public Response suspended(OrganizationSuspended suspended) {
        return HttpProblem.builder().withStatus(Response.Status.FORBIDDEN).withTitle("Forbidden")
                .withDetail(suspended.getMessage()).build().toResponse();
    }
}
