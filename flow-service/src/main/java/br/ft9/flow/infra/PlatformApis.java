package br.ft9.flow.infra;

import java.util.Map;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** The platform's own REST APIs that flow-service calls: auth-service's service tokens, memory-service's answers. */
public final class PlatformApis {

    private PlatformApis() {
    }

    /** auth-service: a token acting for one organisation, for this service's client credentials. */
    @RegisterRestClient(configKey = "auth")
    @Path("/api/auth")
    public interface Auth {
        @POST
        @Path("/service-token")
        Uni<JsonNode> serviceToken(Map<String, Object> credentials);
    }

    /** memory-service: an answer from the organisation's knowledge, with its sources, or a hand-off. */
    @RegisterRestClient(configKey = "memory")
    @Path("/api/knowledge")
    public interface Memory {
        @POST
        @Path("/rag")
        Uni<JsonNode> answer(@HeaderParam("Authorization") String authorization, Map<String, String> question);
    }
}
