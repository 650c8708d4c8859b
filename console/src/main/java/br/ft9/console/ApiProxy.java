package br.ft9.console;

import java.net.URI;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;

/**
 * Forwards the API's paths to the services that own them ({@link ApiRoutes}), streaming both ways without buffering
 * (server-sent events arrive as they are written), so the console and the API share one origin and no CORS is needed.
 * In Kubernetes the ingress routes these paths itself and the console serves only the app.
 */
@ApplicationScoped
public class ApiProxy {

    void route(@Observes Router router, Vertx vertx, ConsoleConfig config) {
        // The app's page must be asked for again after a release (no-cache); its hashed files never change (immutable).
        router.route().order(-200).handler(context -> {
            String path = context.request().path();
            if (!path.startsWith("/assets/") && ApiRoutes.TABLE.keySet().stream().noneMatch(path::startsWith) && !path.startsWith("/q/")) {
                context.addHeadersEndHandler(done -> context.response().headers().set("Cache-Control", "no-cache"));
            }
            context.next();
        });
        // Keep-alive connections to the services; the idle timeout is above the inbox's heartbeat.
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(120)
                .setMaxPoolSize(64));
        for (Map.Entry<String, String> route : ApiRoutes.TABLE.entrySet()) {
            URI target = config.services().get(route.getValue());
            if (target == null) {
                throw new IllegalStateException("ft9.console.services." + route.getValue() + " is not set: the console cannot forward "
                        + route.getKey());
            }
            HttpProxy proxy = HttpProxy.reverseProxy(client).origin(target.getPort(), target.getHost());
            router.route(route.getKey()).order(-100).handler(context -> proxy.handle(context.request()));
            router.route(route.getKey() + "/*").order(-100).handler(context -> proxy.handle(context.request()));
        }
    }
}
