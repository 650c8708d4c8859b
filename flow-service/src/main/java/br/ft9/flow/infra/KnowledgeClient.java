package br.ft9.flow.infra;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import br.ft9.flow.domain.FlowSettings;

/**
 * Asks memory-service for an answer from an organisation's knowledge ({@code ai_generate}), with a short-lived
 * service token for that organisation from auth-service, kept until a minute before it expires. Each attempt times
 * out; outages are retried a little, then the run's own retries take over; a refused question is not retried.
 */
@ApplicationScoped
public class KnowledgeClient {

    /** What memory-service answered: the text, whether it hands the contact to a person, the items it used. */
    public record Answer(String text, boolean handoff, List<String> sources) {
    }

    /** memory-service or auth-service could not be reached or failed: worth trying again later. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String reason) {
            super(reason);
        }
    }

    /** The question or the credentials are refused: trying again will not help. */
    public static class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason);
        }
    }

    private record Token(String value, Instant renewAfter) {
    }

    private final PlatformApis.Auth auth;
    private final PlatformApis.Memory memory;
    private final String clientId;
    private final java.util.Optional<String> clientSecret;
    private final Map<UUID, Token> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    public KnowledgeClient(@RestClient PlatformApis.Auth auth, @RestClient PlatformApis.Memory memory,
            FlowSettings settings, Clock clock) {
        this.auth = auth;
        this.clock = clock;
        this.memory = memory;
        this.clientId = settings.serviceClient().id();
        this.clientSecret = settings.serviceClient().secret();
    }

    @Timeout(value = 25, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = Refused.class)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = { Refused.class, CircuitBreakerOpenException.class })
    public Uni<Answer> ask(UUID orgId, String question, String contactId) {
        // With the contact, memory-service reads the contact's recent conversation as context ("e no sábado?").
        Map<String, String> body = contactId == null || !contactId.matches("[0-9a-fA-F-]{36}") ? Map.of("question", question)
                : Map.of("question", question, "contactId", contactId);
        return token(orgId).chain(token -> memory.answer("Bearer " + token, body))
                .map(KnowledgeClient::answer)
                .onFailure(WebApplicationException.class).transform(e -> {
                    int status = ((WebApplicationException) e).getResponse().getStatus();
                    if (status == 401) {
                        tokens.remove(orgId); // revoked or rotated keys: the next attempt asks for a new one
                    }
                    return status == 400 || status == 403 || status == 404 ? new Refused("memory-service answered " + status)
                            : new Unavailable("memory-service answered " + status);
                })
                .onFailure(e -> !(e instanceof Refused) && !(e instanceof Unavailable))
                .transform(e -> new Unavailable("memory-service could not be reached: " + e.getClass().getSimpleName()));
    }

    private Uni<String> token(UUID orgId) {
        Token cached = tokens.get(orgId);
        if (cached != null && clock.instant().isBefore(cached.renewAfter())) {
            return Uni.createFrom().item(cached.value());
        }
        if (clientSecret.isEmpty() || clientSecret.get().isBlank()) {
            return Uni.createFrom().failure(new Refused("flow-service has no client secret for auth-service"
                    + " (FLOW_SERVICE_CLIENT_SECRET)"));
        }
        return auth.serviceToken(Map.of("clientId", clientId, "clientSecret", clientSecret.get(), "orgId", orgId))
                .onFailure(WebApplicationException.class).transform(e -> {
                    int status = ((WebApplicationException) e).getResponse().getStatus();
                    return status == 401 || status == 403 ? new Refused("auth-service refused a service token (" + status + ")")
                            : new Unavailable("auth-service answered " + status);
                })
                .map(answer -> {
                    String value = answer.path("accessToken").asText();
                    long seconds = answer.path("expiresIn").asLong(60);
                    tokens.put(orgId, new Token(value, clock.instant().plusSeconds(Math.max(0, seconds - 60))));
                    return value;
                });
    }

    private static Answer answer(JsonNode body) {
        List<String> sources = new ArrayList<>();
        body.path("citations").forEach(c -> sources.add(c.path("title").asText()));
        return new Answer(body.path("answer").asText(""), body.path("handoff").asBoolean(false), sources);
    }
}
