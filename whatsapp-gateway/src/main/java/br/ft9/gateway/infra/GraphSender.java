package br.ft9.gateway.infra;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

import br.ft9.gateway.domain.GatewaySettings;

/**
 * Calls the Graph API with bounded patience: each attempt times out, throttling and Meta's failures are
 * retried with exponential backoff, a refusal is never retried, and when Meta keeps failing the circuit
 * opens so that messages fail fast instead of piling up. Throttling does not open the circuit: it
 * belongs to one number, not to Meta.
 */
@ApplicationScoped
public class GraphSender {

    private final GraphApi graph;
    private final String version;

    public GraphSender(@RestClient GraphApi graph, GatewaySettings settings) {
        String version = settings.graph().version();
        this.graph = graph;
        this.version = version;
    }

    /** Sends one message from the number; answers Meta's id of it (wamid). */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = { GraphApiException.Rejected.class, GraphApiException.Throttled.class })
    @Retry(maxRetries = 4, delay = 250, jitter = 100, maxDuration = 30, durationUnit = ChronoUnit.SECONDS,
            abortOn = { GraphApiException.Rejected.class, CircuitBreakerOpenException.class })
    @ExponentialBackoff(factor = 2, maxDelay = 4000)
    public Uni<String> send(String phoneNumberId, String accessToken, JsonNode message) {
        return graph.sendMessage(version, phoneNumberId, "Bearer " + accessToken, message)
                .map(answer -> answer.path("messages").path(0).path("id").asText(null));
    }

    /** Downloads a media from the URL Meta gave for it, with the token; refuses more than {@code maxBytes}. */
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public Uni<byte[]> download(String url, String accessToken, long maxBytes) {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .timeout(java.time.Duration.ofSeconds(30)).header("Authorization", "Bearer " + accessToken).GET().build();
        return Uni.createFrom().completionStage(() -> DOWNLOADS.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream()))
                .map(response -> {
                    if (response.statusCode() >= 400) {
                        throw GraphApiException.of(response.statusCode(), "");
                    }
                    try (java.io.InputStream in = response.body()) {
                        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                        if (bytes.length > maxBytes) {
                            throw new GraphApiException.Rejected(413, null, "the media is larger than " + maxBytes + " bytes");
                        }
                        return bytes;
                    } catch (java.io.IOException e) {
                        throw new GraphApiException.Unavailable(502, null, "the media could not be downloaded: " + e.getMessage());
                    }
                });
    }

    private static final java.net.http.HttpClient DOWNLOADS = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(5)).followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();

    /** A media's metadata: a short-lived download URL (it needs the token too), MIME type, size and hash. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 250, abortOn = { GraphApiException.Rejected.class, CircuitBreakerOpenException.class })
    public Uni<JsonNode> media(String mediaId, String accessToken) {
        return graph.media(version, mediaId, "Bearer " + accessToken);
    }
}
