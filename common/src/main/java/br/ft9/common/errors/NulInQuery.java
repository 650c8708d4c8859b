package br.ft9.common.errors;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import br.ft9.common.json.NoNulStrings;

/**
 * Refuses a NUL character (%00) in a query parameter or the path before anything reads it: PostgreSQL's text cannot
 * hold one, so a list filter would fail with a server error; the request gets a 400 naming the parameter.
 */
public class NulInQuery {

    @ServerRequestFilter(preMatching = true)
    public Response refuseNul(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().indexOf('\u0000') >= 0) {
            return refusal("the path");
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            if (parameter.getKey().indexOf('\u0000') >= 0 || parameter.getValue().stream().anyMatch(v -> v.indexOf('\u0000') >= 0)) {
                return refusal("query parameter " + parameter.getKey().replace("\u0000", ""));
            }
        }
        return null;
    }

    private static Response refusal(String what) {
        return ProblemMappers.problem(Response.Status.BAD_REQUEST, what + " " + NoNulStrings.NUL)
                .build().toResponse();
    }
}
