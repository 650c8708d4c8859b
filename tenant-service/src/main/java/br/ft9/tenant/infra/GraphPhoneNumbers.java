package br.ft9.tenant.infra;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** Meta's Graph API, the one call tenant-service makes: read a phone number with the token given for it. */
@RegisterRestClient(configKey = "graph")
@Produces(MediaType.APPLICATION_JSON)
public interface GraphPhoneNumbers {

    @GET
    @Path("/{version}/{phoneNumberId}")
    Uni<JsonNode> phoneNumber(@PathParam("version") String version, @PathParam("phoneNumberId") String phoneNumberId,
            @QueryParam("fields") String fields, @HeaderParam("Authorization") String authorization);
}
