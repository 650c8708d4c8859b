package br.ft9.flow.infra;

import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import br.ft9.common.scheduling.DatabaseListening;
import br.ft9.flow.domain.ActiveAutomations;
import br.ft9.flow.domain.OpeningHoursCopies;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * LISTENs to the database's notifications of an organisation's changed automations ({@code ft9_automations}) or
 * profile ({@code ft9_organization_profiles}), one per organisation at commit, and has the copy kept in memory
 * forgotten; after a reconnect, every copy (what was notified meanwhile is lost).
 */
@ApplicationScoped
public class OrganizationChanges {

    static final String AUTOMATIONS = "ft9_automations";
    static final String PROFILES = "ft9_organization_profiles";

    private final ActiveAutomations automations;
    private final OpeningHoursCopies hours;
    private final Vertx vertx;
    private final DatabaseListening database;

    public OrganizationChanges(ActiveAutomations automations, OpeningHoursCopies hours, Vertx vertx, DatabaseListening database) {
        this.automations = automations;
        this.hours = hours;
        this.vertx = vertx;
        this.database = database;
    }

    void start(@Observes StartupEvent started) {
        database.listen(vertx, "organisations' copies", "copies expire on their own", subscriber -> {
            subscriber.channel(AUTOMATIONS).handler(orgId -> changed(orgId, automations::forget, automations::forgetAll))
                    .subscribeHandler(automations::forgetAll);
            subscriber.channel(PROFILES).handler(orgId -> changed(orgId, hours::forget, hours::forgetAll))
                    .subscribeHandler(hours::forgetAll);
        });
    }

    private static void changed(String orgId, Consumer<UUID> forget, Runnable forgetAll) {
        try {
            forget.accept(UUID.fromString(orgId));
        } catch (IllegalArgumentException e) {
            forgetAll.run();
        }
    }
}
