package br.ft9.gateway.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import br.ft9.common.scheduling.DatabaseListening;
import br.ft9.gateway.domain.NumberRoutes;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;

/**
 * LISTENs to the database's notifications of a changed channel row ({@code ft9_channels}, the number, at commit; V15)
 * and has the number's routing kept in memory forgotten; after a (re)connect, every number's (what was notified
 * meanwhile is lost).
 */
@ApplicationScoped
public class ChannelChanges {

    private static final Logger LOG = Logger.getLogger(ChannelChanges.class);
    static final String CHANNEL = "ft9_channels";

    private final NumberRoutes routes;
    private final Vertx vertx;
    private final DatabaseListening database;
    private PgSubscriber subscriber;

    public ChannelChanges(NumberRoutes routes, Vertx vertx, DatabaseListening database) {
        this.routes = routes;
        this.vertx = vertx;
        this.database = database;
    }

    void start(@Observes StartupEvent started) {
        subscriber = database.subscriber(vertx);
        subscriber.channel(CHANNEL).handler(routes::forget).subscribeHandler(routes::forgetAll);
        subscriber.connect().subscribe().with(ok -> LOG.debug("listening to channels' changes"),
                failure -> LOG.warnf("not listening to channels' changes yet (routes kept in memory expire on their own): %s",
                        failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }
}
