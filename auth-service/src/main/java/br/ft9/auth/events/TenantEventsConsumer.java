package br.ft9.auth.events;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.auth.domain.OrganizationAccess;
import br.ft9.common.inbox.EventRoutes;
import br.ft9.common.inbox.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What auth-service takes from tenant-service: the organisations that exist, an organisation's first admin to invite, and
 * suspensions that stop its users from signing in. Each event applied once, acknowledged after commit.
 */
@ApplicationScoped
public class TenantEventsConsumer {

    static final String CONSUMER = "auth.tenant-events";
    static final String CREATED = "ft9.tenant.organization.created.v1";
    static final String SUSPENDED = "ft9.tenant.organization.suspended.v1";
    static final String REACTIVATED = "ft9.tenant.organization.reactivated.v1";
    static final String DELETED = "ft9.tenant.organization.deleted.v1";

    private final EventRoutes routes;

    public TenantEventsConsumer(ProcessedEvents processed, OrganizationAccess access, ObjectMapper json) {
        EventRoutes routes = EventRoutes.of(CONSUMER, processed, json);
        // The tokens go first (idempotent, in Redis), then the refusal of new sign-ins is recorded once.
        routes.on(SUSPENDED, OrganizationEvent.class, (event, org) -> access.shutOut(org.orgId(), event.time())
                .chain(() -> routes.applyOnce(event, () -> access.refuseSignIns(org.orgId()))));
        routes.on(DELETED, OrganizationEvent.class, (event, org) -> access.shutOut(org.orgId(), event.time())
                .chain(() -> routes.applyOnce(event, () -> access.erase(org.orgId()))));
        routes.once(REACTIVATED, OrganizationEvent.class, org -> access.allowSignIns(org.orgId()));
        // The organisation is recorded with the event's id; the invitation has its own transaction and mail, after,
        // so a redelivery can neither invite twice nor record twice.
        routes.on(CREATED, OrganizationEvent.class, (event, org) -> Panache.withTransaction(() -> routes.firstDelivery(event)
                .call(first -> first ? access.open(org.orgId(), event.time()) : Uni.createFrom().voidItem()))
                .chain(first -> first ? access.inviteFirstAdmin(org.orgId(), org.firstAdminEmail()) : Uni.createFrom().voidItem()));
        this.routes = routes;
    }

    @Incoming("tenant-events")
    public Uni<Void> consume(Message<String> message) {
        return routes.consume(message);
    }

    /** auth-service's reading of tenant-service's organisation events: only what it uses. */
    @RegisterForReflection
    record OrganizationEvent(UUID orgId, String firstAdminEmail) {
    }
}
