package br.ft9.flow.events;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.CloudEventInbox;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.flow.domain.Automation;
import io.quarkus.hibernate.reactive.panache.Panache;
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
    public record Organization(UUID orgId, String timeZone, String status, JsonNode businessHours) {
    }

    /** flow-service's reading of {@code ft9.tenant.limits.changed.v1}. */
    @RegisterForReflection
    public record Limits(UUID orgId, String plan, int automations, Integer automationRunsPerMonth) {
    }

    private final ProcessedEvents processed;
    private final ObjectMapper json;

    public TenantEventsConsumer(ProcessedEvents processed, ObjectMapper json) {
        this.processed = processed;
        this.json = json;
    }

    @Incoming("tenant-events")
    public Uni<Void> consume(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> {
            if (SNAPSHOTS.contains(ce.getType())) {
                return CloudEventInbox.data(json, payload, Organization.class).chain(o -> processed.applyOnce(CONSUMER, ce,
                        () -> Panache.getSession().chain(s -> s.createNativeQuery("insert into organization_profile (org_id, time_zone,"
                                + " status, business_hours, updated_at) values (:org, :zone, :status, :hours, now()) on conflict (org_id)"
                                + " do update set time_zone = :zone, status = :status, business_hours = :hours, updated_at = now()")
                                .setParameter("org", o.orgId()).setParameter("zone", o.timeZone()).setParameter("status", o.status())
                                .setParameter("hours", o.businessHours() == null || o.businessHours().isNull() ? null : o.businessHours().toString())
                                .executeUpdate()).replaceWithVoid()));
            }
            if ("ft9.tenant.limits.changed.v1".equals(ce.getType())) {
                return CloudEventInbox.data(json, payload, Limits.class).chain(l -> processed.applyOnce(CONSUMER, ce,
                        () -> Panache.getSession().chain(s -> s.createNativeQuery("insert into organization_profile (org_id,"
                                + " active_automations_limit, runs_per_month_limit, updated_at) values (:org, :limit, :runs, now())"
                                + " on conflict (org_id) do update set active_automations_limit = :limit, runs_per_month_limit = :runs,"
                                + " updated_at = now()")
                                .setParameter("org", l.orgId()).setParameter("limit", l.automations())
                                .setParameter("runs", l.automationRunsPerMonth()).executeUpdate()).replaceWithVoid()));
            }
            if ("ft9.tenant.organization.deleted.v1".equals(ce.getType())) {
                return CloudEventInbox.data(json, payload, Organization.class).chain(o -> processed.applyOnce(CONSUMER, ce,
                        () -> Automation.delete("orgId", o.orgId())
                                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                        "delete from flow_contact where org_id = :org").setParameter("org", o.orgId()).executeUpdate()))
                                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                        "delete from organization_profile where org_id = :org").setParameter("org", o.orgId()).executeUpdate()))
                                .replaceWithVoid()));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
