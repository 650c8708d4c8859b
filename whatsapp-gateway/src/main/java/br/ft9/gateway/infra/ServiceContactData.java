package br.ft9.gateway.infra;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.common.errors.Unavailable;
import br.ft9.gateway.domain.ContactDataElsewhere;
import io.smallrye.mutiny.Uni;

/**
 * memory-service's and flow-service's parts of a contact's export, over their REST APIs with the admin's token. The
 * contact travels in the body, never in a URL (which access logs keep). Each call times out, is retried once, and
 * stops being tried for a while when the service keeps failing.
 */
@ApplicationScoped
public class ServiceContactData implements ContactDataElsewhere {

    /** memory-service's export of a contact. */
    @RegisterRestClient(configKey = "memory")
    @Path("/api/knowledge/contact-exports")
    public interface Memory {
        @POST
        Uni<JsonNode> export(@HeaderParam("Authorization") String authorization, Map<String, String> contact);
    }

    /** flow-service's export of a contact. */
    @RegisterRestClient(configKey = "flow")
    @Path("/api/automations/contact-exports")
    public interface Flow {
        @POST
        Uni<JsonNode> export(@HeaderParam("Authorization") String authorization, Map<String, String> contact);
    }

    private final Memory memory;
    private final Flow flow;

    public ServiceContactData(@RestClient Memory memory, @RestClient Flow flow) {
        this.memory = memory;
        this.flow = flow;
    }

    @Override
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public Uni<JsonNode> memory(UUID contactId, String waId, String bearerToken) {
        return memory.export("Bearer " + bearerToken, contact(contactId, waId))
                .onFailure().transform(e -> new Unavailable("memory-service could not give its part of the contact's data now;"
                        + " try again in a moment", e));
    }

    @Override
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public Uni<JsonNode> flow(UUID contactId, String waId, String bearerToken) {
        return flow.export("Bearer " + bearerToken, contact(contactId, waId))
                .onFailure().transform(e -> new Unavailable("flow-service could not give its part of the contact's data now;"
                        + " try again in a moment", e));
    }

    private static Map<String, String> contact(UUID contactId, String waId) {
        return waId == null ? Map.of("contactId", contactId.toString()) : Map.of("contactId", contactId.toString(), "waId", waId);
    }
}
