package br.ft9.common.errors;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/** Turns the domain's refusals into RFC 9457 problem+json answers that name the offending field. */
public class ProblemMappers {

    /**
     * Ahead of quarkus-resteasy-problem's own security mappers (priority 4999), whose 3.21.0 release
     * fails with NoSuchFieldError on Quarkus 3.33 and would turn every 401 into a 500.
     */
    private static final int BEFORE_LIBRARY_MAPPERS = 4000;

    @ServerExceptionMapper(value = {UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class}, priority = BEFORE_LIBRARY_MAPPERS)
    public Response unauthenticated(RuntimeException failure) {
        return problem(Response.Status.UNAUTHORIZED, "a valid bearer access token is required")
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build().toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(Conflict conflict) {
        return problem(Response.Status.CONFLICT, conflict.getMessage()).with("field", conflict.field()).build().toResponse();
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidField invalid) {
        return problem(Response.Status.BAD_REQUEST, invalid.getMessage()).with("field", invalid.field()).build().toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(NotFound notFound) {
        return problem(Response.Status.NOT_FOUND, notFound.getMessage()).build().toResponse();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowed notAllowed) {
        return problem(Response.Status.FORBIDDEN, notAllowed.getMessage()).build().toResponse();
    }

    @ServerExceptionMapper
    public Response tooManyRequests(TooManyRequests tooMany) {
        return problem(Response.Status.TOO_MANY_REQUESTS, tooMany.getMessage())
                .withHeader("Retry-After", String.valueOf(tooMany.retryAfter().toSeconds())).build().toResponse();
    }

    /** A problem whose title is the status's own reason phrase. */
    public static HttpProblem.Builder problem(Response.Status status, String detail) {
        return HttpProblem.builder().withStatus(status).withTitle(status.getReasonPhrase()).withDetail(detail);
    }
}
