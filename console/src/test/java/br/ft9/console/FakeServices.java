package br.ft9.console;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A stand-in for the six services behind the console: one HTTP server that says which path, query and authorisation
 * it received, and streams server-sent events slowly on /api/inbox/events, so forwarding can be checked for what it
 * passes and for not buffering.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/api/inbox/events")) {
                request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
                request.response().write("id: 1\nevent: message\ndata: {\"n\":1}\n\n");
                // The second event comes much later: a buffering proxy would hold the first one back until then.
                vertx.setTimer(3000, t -> request.response().end("id: 2\nevent: message\ndata: {\"n\":2}\n\n"));
                return;
            }
            request.body().onSuccess(body -> request.response().putHeader("Content-Type", "application/json")
                    .end("{\"path\":\"" + request.path() + "\",\"query\":\"" + (request.query() == null ? "" : request.query())
                            + "\",\"authorization\":\"" + request.getHeader("Authorization") + "\",\"method\":\""
                            + request.method() + "\",\"body\":" + (body.length() == 0 ? "null" : body.toString()) + "}"));
        });
        CompletableFuture<Integer> port = new CompletableFuture<>();
        server.listen(0, "127.0.0.1").onSuccess(s -> port.complete(s.actualPort())).onFailure(port::completeExceptionally);
        String base;
        try {
            base = "http://127.0.0.1:" + port.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("ft9.console.services.auth-service", base, "ft9.console.services.tenant-service", base,
                "ft9.console.services.billing-service", base, "ft9.console.services.memory-service", base,
                "ft9.console.services.flow-service", base, "ft9.console.services.whatsapp-gateway", base);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
