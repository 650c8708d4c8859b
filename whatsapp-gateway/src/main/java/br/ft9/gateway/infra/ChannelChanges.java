package br.ft9.gateway.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import br.ft9.common.scheduling.DatabaseListening;
import br.ft9.gateway.domain.NumberRoutes;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * LISTENs to the database's notifications of a changed channel row ({@code ft9_channels}, the number, at commit; V15)
 * and has the number's routing kept in memory forgotten; after a (re)connect, every number's (what was notified
 * meanwhile is lost).
 */
@ApplicationScoped
public class ChannelChanges {

    static final String CHANNEL = "ft9_channels";

    private final NumberRoutes routes;
    private final Vertx vertx;
    private final DatabaseListening database;

    public ChannelChanges(NumberRoutes routes, Vertx vertx, DatabaseListening database) {
        this.routes = routes;
        this.vertx = vertx;
        this.database = database;
    }

    void start(@Observes StartupEvent started) {
        database.listen(vertx, "number routes", "routes kept in memory expire on their own",
                subscriber -> subscriber.channel(CHANNEL).handler(routes::forget).subscribeHandler(routes::forgetAll));
    }
}
