package br.ft9.flow.events;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.EventRoutes;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.flow.domain.OrganizationCopies;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Keeps each organisation's time zone, hours and standing from tenant-service; a deletion erases its automations and contacts. */
@ApplicationScoped
public class TenantEventsConsumer {

    static final String CONSUMER = "flow.tenant-events";
    static final Set<String> SNAPSHOTS = Set.of("ft9.tenant.organization.created.v1", "ft9.tenant.organization.updated.v1",
            "ft9.tenant.organization.suspended.v1", "ft9.tenant.organization.reactivated.v1");

    /** flow-service's reading of an organisation snapshot. */
    @RegisterForReflection
    public record Organization(UUID orgId, String timeZone, String status, JsonNode businessHours, Integer messageRetentionDays) {
    }

    /** flow-service's reading of {@code ft9.tenant.limits.changed.v1}. */
    @RegisterForReflection
    public record Limits(UUID orgId, String plan, int automations, Integer automationRunsPerMonth) {
    }

    private final EventRoutes routes;

    public TenantEventsConsumer(ProcessedEvents processed, OrganizationCopies organizations, ObjectMapper json) {
        this.routes = EventRoutes.of(CONSUMER, processed, json)
                .once(SNAPSHOTS, Organization.class, (event, o) -> organizations.keep(o.orgId(), o.timeZone(), o.status(),
                        o.businessHours() == null || o.businessHours().isNull() ? null : o.businessHours().toString(),
                        o.messageRetentionDays()))
                .once("ft9.tenant.limits.changed.v1", Limits.class, l -> organizations.limit(l.orgId(), l.automations(),
                        l.automationRunsPerMonth()))
                .once("ft9.tenant.organization.deleted.v1", Organization.class, o -> organizations.erase(o.orgId()));
    }

    @Incoming("tenant-events")
    public Uni<Void> consume(Message<String> message) {
        return routes.consume(message);
    }
}
