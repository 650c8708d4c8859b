package br.ft9.flow.infra;

import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import br.ft9.common.scheduling.DatabaseListening;
import br.ft9.flow.domain.ActiveAutomations;
import br.ft9.flow.domain.OpeningHoursCopies;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;

/**
 * LISTENs to the database's notifications of an organisation's changed automations ({@code ft9_automations}) or
 * profile ({@code ft9_organization_profiles}), one per organisation at commit, and has the copy kept in memory
 * forgotten; after a reconnect, every copy (what was notified meanwhile is lost).
 */
@ApplicationScoped
public class OrganizationChanges {

    private static final Logger LOG = Logger.getLogger(OrganizationChanges.class);
    static final String AUTOMATIONS = "ft9_automations";
    static final String PROFILES = "ft9_organization_profiles";

    private final ActiveAutomations automations;
    private final OpeningHoursCopies hours;
    private final Vertx vertx;
    private final DatabaseListening database;
    private PgSubscriber subscriber;

    public OrganizationChanges(ActiveAutomations automations, OpeningHoursCopies hours, Vertx vertx, DatabaseListening database) {
        this.automations = automations;
        this.hours = hours;
        this.vertx = vertx;
        this.database = database;
    }

    void start(@Observes StartupEvent started) {
        subscriber = database.subscriber(vertx);
        subscriber.channel(AUTOMATIONS).handler(orgId -> changed(orgId, automations::forget, automations::forgetAll))
                .subscribeHandler(automations::forgetAll);
        subscriber.channel(PROFILES).handler(orgId -> changed(orgId, hours::forget, hours::forgetAll))
                .subscribeHandler(hours::forgetAll);
        subscriber.connect().subscribe().with(ok -> LOG.debug("listening to organisations' changes"),
                failure -> LOG.warnf("not listening to organisations' changes yet (copies expire on their own): %s",
                        failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    private static void changed(String orgId, Consumer<UUID> forget, Runnable forgetAll) {
        try {
            forget.accept(UUID.fromString(orgId));
        } catch (IllegalArgumentException e) {
            forgetAll.run();
        }
    }
}
