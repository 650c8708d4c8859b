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
        return HttpProblem.builder()
                .withStatus(Response.Status.UNAUTHORIZED)
                .withTitle("Unauthorized")
                .withDetail("a valid bearer access token is required")
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build().toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(Conflict conflict) {
        return HttpProblem.builder()
                .withStatus(Response.Status.CONFLICT)
                .withTitle("Conflict")
                .withDetail(conflict.getMessage())
                .with("field", conflict.field())
                .build().toResponse();
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidField invalid) {
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withDetail(invalid.getMessage())
                .with("field", invalid.field())
                .build().toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(NotFound notFound) {
        return HttpProblem.builder()
                .withStatus(Response.Status.NOT_FOUND)
                .withTitle("Not Found")
                .withDetail(notFound.getMessage())
                .build().toResponse();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowed notAllowed) {
        return HttpProblem.builder()
                .withStatus(Response.Status.FORBIDDEN)
                .withTitle("Forbidden")
                .withDetail(notAllowed.getMessage())
                .build().toResponse();
    }
}
