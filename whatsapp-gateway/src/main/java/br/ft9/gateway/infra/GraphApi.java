package br.ft9.gateway.infra;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * Meta's Graph API, the calls the gateway makes: send a message from a number, read a media's metadata, and list a
 * business account's message templates.
 */
@RegisterRestClient(configKey = "graph")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface GraphApi {

    @POST
    @Path("/{version}/{phoneNumberId}/messages")
    Uni<JsonNode> sendMessage(@PathParam("version") String version, @PathParam("phoneNumberId") String phoneNumberId,
            @HeaderParam("Authorization") String authorization, JsonNode message);

    @GET
    @Path("/{version}/{mediaId}")
    Uni<JsonNode> media(@PathParam("version") String version, @PathParam("mediaId") String mediaId,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{version}/{wabaId}/message_templates")
    Uni<JsonNode> templates(@PathParam("version") String version, @PathParam("wabaId") String wabaId,
            @HeaderParam("Authorization") String authorization, @QueryParam("fields") String fields, @QueryParam("limit") int limit,
            @QueryParam("status") String status);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return GraphApiException.of(response.getStatus(), body);
    }
}
