package br.ft9.flow.infra;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.flow.domain.FlowSettings;
import br.ft9.flow.domain.run.WebhookCalls;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;

/**
 * Calls an organisation's own system from a {@code call_webhook} step, with a deadline, and never reaches into
 * our network: loopback, private, link-local (cloud metadata at 169.254.169.254 included), carrier-grade NAT,
 * unique-local and wildcard addresses are refused unless an operator lists the host as allowed. The call itself does
 * not block (Vert.x's client, on the run's own context); only the look-up of a host's addresses does, so it runs on a
 * worker, and the call goes to the address that was checked: a name that resolves again elsewhere cannot slip past.
 */
@ApplicationScoped
public class WebhookCaller implements WebhookCalls {

    /** The target may not be called (SSRF guard): never retried. */
    static class NotAllowed extends RuntimeException {
        NotAllowed(String reason) {
            super(reason, null, false, false);
        }
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The answer kept as the step's output: its first characters, enough for a status or an id. */
    static final int KEPT_CHARACTERS = 2000;
    /** Bytes read into memory at most; the rest of a long answer is read and dropped. */
    private static final int KEPT_BYTES = KEPT_CHARACTERS * 4;

    private final Vertx vertx;
    private final HttpClient http;
    private final Set<String> allowedHosts;
    /** From the request to the answer's last byte. */
    private final Duration deadline;

    public WebhookCaller(Vertx vertx, FlowSettings settings) {
        this.vertx = vertx;
        this.deadline = settings.webhook().timeout();
        this.allowedHosts = Set.copyOf(settings.webhook().allowedHosts().orElse(List.of()));
        // Connections kept alive per address: a busy organisation's system is called many times a second.
        this.http = vertx.getDelegate().createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis()).setKeepAlive(true).setIdleTimeout(60).setMaxPoolSize(16));
    }

    @Override
    public Uni<Reply> call(String method, String url, String body) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(new Refused("not a valid URL"));
        }
        if (uri.getHost() == null || !Set.of("http", "https").contains(uri.getScheme())) {
            return Uni.createFrom().item(new Refused("only http and https URLs with a host are called"));
        }
        String host = uri.getHost();
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        // An allowed host is resolved by the client; any other is resolved and checked here, and called at that address.
        Uni<SocketAddress> server = allowedHosts.contains(host) ? Uni.createFrom().<SocketAddress>nullItem()
                : vertx.executeBlocking(() -> SocketAddress.inetSocketAddress(new InetSocketAddress(checkPublic(host), port)), false);
        return server.chain(address -> UniHelper.toUni(send(method, url, address, body)))
                .onFailure(NotAllowed.class).recoverWithItem(e -> new Refused(e.getMessage()));
    }

    private Future<Reply> send(String method, String url, SocketAddress server, String body) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method)).setAbsoluteURI(url)
                .setFollowRedirects(false).putHeader("Content-Type", "application/json").putHeader("User-Agent", "FT9-Flow/1");
        if (server != null) {
            options.setServer(server);
        }
        Promise<Reply> reply = Promise.promise();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        long timer = vertx.getDelegate().setTimer(deadline.toMillis(), ignored -> {
            if (reply.tryComplete(new Failed("the webhook did not answer within " + deadline.toMillis() + " ms")) && sent.get() != null) {
                sent.get().reset(); // its connection closed, not left waiting for an answer nobody reads
            }
        });
        http.request(options).compose(request -> {
            sent.set(request);
            return "GET".equals(method) ? request.send() : request.send(body == null ? "" : body);
        }).compose(WebhookCaller::read).onComplete(done -> {
            vertx.getDelegate().cancelTimer(timer);
            reply.tryComplete(done.succeeded() ? done.result()
                    : new Failed("the webhook could not be reached: " + done.cause().getClass().getSimpleName()));
        });
        return reply.future();
    }

    /** The answer: its status, and the first characters of its body (a long body is read to its end, not kept). */
    private static Future<Reply> read(HttpClientResponse response) {
        Promise<Reply> read = Promise.promise();
        Buffer kept = Buffer.buffer();
        response.handler(chunk -> {
            int room = KEPT_BYTES - kept.length();
            if (room > 0) {
                kept.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
            }
        });
        response.exceptionHandler(read::tryFail);
        response.endHandler(ended -> {
            if (response.statusCode() >= 400) {
                read.tryComplete(new Failed("the webhook answered " + response.statusCode()));
                return;
            }
            String text = kept.toString(StandardCharsets.UTF_8);
            read.tryComplete(new Answered(response.statusCode(), text.length() > KEPT_CHARACTERS ? text.substring(0, KEPT_CHARACTERS) : text));
        });
        return read.future();
    }

    /** The address to call: every address the host resolves to must be public ({@link PublicAddress}). Blocks. */
    static InetAddress checkPublic(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new NotAllowed("the host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!PublicAddress.isPublic(address)) {
                throw new NotAllowed("the address " + address.getHostAddress() + " of " + host
                        + " is not a public internet address; an operator can allow the host");
            }
        }
        return addresses[0];
    }
}
