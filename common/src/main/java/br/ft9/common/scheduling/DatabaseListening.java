package br.ft9.common.scheduling;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * The service's database as a LISTEN connection sees it (its own connection, outside the pool): for the outbox relay,
 * the gateway's inbox feed and number routes, flow-service's run engine and copies, each told of commits by NOTIFY.
 * It owns every listening connection it opens, and closes them all when the service stops.
 */
@ApplicationScoped
public class DatabaseListening {

    private static final Logger LOG = Logger.getLogger(DatabaseListening.class);

    private final PgConnectOptions options;
    private final List<PgSubscriber> open = new CopyOnWriteArrayList<>();

    public DatabaseListening(@ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        this.options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
    }

    /**
     * Opens a listening connection for {@code listener} (a name for the logs), with the channels {@code channels} sets
     * on it, connecting again every second after the database went away (what was notified meanwhile is lost: a
     * channel's subscribe handler runs on each reconnect). Until it listens, {@code meanwhile} says in the warning what
     * the listener does instead (it polls, its copies expire).
     */
    public void listen(Vertx vertx, String listener, String meanwhile, Consumer<PgSubscriber> channels) {
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, new PgConnectOptions(options)).reconnectPolicy(attempt -> 1000L);
        channels.accept(subscriber);
        open.add(subscriber);
        subscriber.connect().subscribe().with(ok -> LOG.debugf("%s listening", listener),
                failure -> LOG.warnf("%s not listening yet (%s): %s", listener, meanwhile, failure.getMessage()));
    }

    void closeAll(@Observes ShutdownEvent stopping) {
        open.forEach(PgSubscriber::closeAndForget);
        open.clear();
    }
}
