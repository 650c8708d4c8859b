package br.ft9.auth.api;

import static br.ft9.common.errors.ProblemMappers.problem;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import br.ft9.auth.domain.OrganizationSuspended;
import br.ft9.auth.domain.SignInRefused;

/** problem+json answers for refused sign-ins (429s are common: TooManyRequests). */
public class AuthProblems {

    @ServerExceptionMapper
    public Response refused(SignInRefused refused) {
        return problem(Response.Status.UNAUTHORIZED, refused.getMessage()).build().toResponse();
    }

    @ServerExceptionMapper
    public Response suspended(OrganizationSuspended suspended) {
        return problem(Response.Status.FORBIDDEN, suspended.getMessage()).build().toResponse();
    }
}
