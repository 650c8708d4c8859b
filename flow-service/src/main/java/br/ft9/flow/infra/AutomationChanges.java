package br.ft9.flow.infra;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import br.ft9.common.scheduling.DatabaseListening;
import br.ft9.flow.domain.ActiveAutomations;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;

/**
 * LISTENs to the database's notifications of changed automations ({@code ft9_automations}, one per organisation at
 * commit) and has {@link ActiveAutomations} forget that organisation's copy; after a reconnect, every copy (what was
 * notified meanwhile is lost).
 */
@ApplicationScoped
public class AutomationChanges {

    private static final Logger LOG = Logger.getLogger(AutomationChanges.class);
    static final String CHANNEL = "ft9_automations";

    private final ActiveAutomations automations;
    private final Vertx vertx;
    private final DatabaseListening database;
    private PgSubscriber subscriber;

    public AutomationChanges(ActiveAutomations automations, Vertx vertx, DatabaseListening database) {
        this.automations = automations;
        this.vertx = vertx;
        this.database = database;
    }

    void start(@Observes StartupEvent started) {
        subscriber = database.subscriber(vertx);
        subscriber.channel(CHANNEL).handler(this::changed).subscribeHandler(automations::forgetAll);
        subscriber.connect().subscribe().with(ok -> LOG.debug("listening to automation changes"),
                failure -> LOG.warnf("not listening to automation changes yet (copies expire on their own): %s",
                        failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    private void changed(String orgId) {
        try {
            automations.forget(UUID.fromString(orgId));
        } catch (IllegalArgumentException e) {
            automations.forgetAll();
        }
    }
}
