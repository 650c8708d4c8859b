package br.ft9.flow.infra;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.flow.domain.FlowSettings;

/**
 * Calls an organisation's own system from a {@code call_webhook} step, with a timeout, and never reaches into
 * our network: loopback, private, link-local (cloud metadata at 169.254.169.254 included), carrier-grade NAT,
 * unique-local and wildcard addresses are refused unless an operator lists the host as allowed. Blocking: run it
 * on a worker thread.
 */
@ApplicationScoped
public class WebhookCaller {

    /** The target is not allowed (SSRF guard): never retried. */
    public static class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason);
        }
    }

    /** The call failed or answered an error: retried by the run. */
    public static class Failed extends RuntimeException {
        public Failed(String reason) {
            super(reason);
        }
    }

    public record Answer(int status, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Set<String> allowedHosts;

    public WebhookCaller(FlowSettings settings) {
        this.allowedHosts = Set.copyOf(settings.webhook().allowedHosts().orElse(List.of()));
    }

    public Answer call(String method, String url, String body) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new Refused("not a valid URL");
        }
        if (uri.getHost() == null || !Set.of("http", "https").contains(uri.getScheme())) {
            throw new Refused("only http and https URLs with a host are called");
        }
        if (!allowedHosts.contains(uri.getHost())) {
            checkPublic(uri.getHost());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("User-Agent", "FT9-Flow/1");
        request = switch (method) {
            case "GET" -> request.GET();
            case "PUT" -> request.PUT(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
            default -> request.POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        };
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body() == null ? "" : response.body();
            if (response.statusCode() >= 400) {
                throw new Failed("the webhook answered " + response.statusCode());
            }
            return new Answer(response.statusCode(), text.length() > 2000 ? text.substring(0, 2000) : text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        } catch (java.io.IOException e) {
            throw new Failed("the webhook could not be reached: " + e.getClass().getSimpleName());
        }
    }

    /** Every address the host resolves to must be public ({@link PublicAddress}). */
    static void checkPublic(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("the host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!PublicAddress.isPublic(address)) {
                throw new Refused("the address " + address.getHostAddress() + " of " + host
                        + " is not a public internet address; an operator can allow the host");
            }
        }
    }
}
