package br.ft9.common.scheduling;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * The service's database as a LISTEN connection sees it (its own connection, outside the pool): for the outbox relay,
 * the gateway's inbox feed and flow-service's automation copies, each told of commits by NOTIFY.
 */
@ApplicationScoped
public class DatabaseListening {

    private final PgConnectOptions options;

    public DatabaseListening(@ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        this.options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
    }

    /** A subscriber that connects again every second after the database went away (what was notified meanwhile is lost). */
    public PgSubscriber subscriber(Vertx vertx) {
        return PgSubscriber.subscriber(vertx, new PgConnectOptions(options)).reconnectPolicy(attempt -> 1000L);
    }
}
