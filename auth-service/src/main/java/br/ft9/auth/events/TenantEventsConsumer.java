package br.ft9.auth.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.auth.domain.KnownOrganization;
import br.ft9.auth.domain.SuspendedOrganization;
import br.ft9.auth.domain.UserAccount;
import br.ft9.auth.domain.UserDirectory;
import br.ft9.common.inbox.CloudEventInbox;
import br.ft9.common.inbox.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
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

    private final ProcessedEvents processed;
    private final UserDirectory users;
    private final ObjectMapper json;

    public TenantEventsConsumer(ProcessedEvents processed, UserDirectory users, ObjectMapper json) {
        this.processed = processed;
        this.users = users;
        this.json = json;
    }

    @Incoming("tenant-events")
    public Uni<Void> consume(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> CloudEventInbox.data(json, payload, OrganizationEvent.class).chain(event -> apply(ce, event)));
    }

    private Uni<Void> apply(IncomingCloudEventMetadata<?> ce, OrganizationEvent event) {
        return switch (ce.getType()) {
            // The tokens go first (idempotent, in Redis), then the refusal of new sign-ins is recorded once.
            case SUSPENDED -> users.shutOut(event.orgId(), happenedAt(ce)).chain(() -> processed.applyOnce(CONSUMER, ce,
                    () -> SuspendedOrganization.<SuspendedOrganization>findById(event.orgId())
                    .chain(existing -> {
                        if (existing != null) {
                            return Uni.createFrom().voidItem();
                        }
                        SuspendedOrganization suspended = new SuspendedOrganization();
                        suspended.orgId = event.orgId();
                        suspended.suspendedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        return suspended.persist().replaceWithVoid();
                    })));
            // Erasure: the organisation's accounts go, with their sign-ins and invitations (cascade).
            case DELETED -> users.shutOut(event.orgId(), happenedAt(ce)).chain(() -> processed.applyOnce(CONSUMER, ce,
                    () -> UserAccount.delete("orgId", event.orgId()).chain(() -> SuspendedOrganization.deleteById(event.orgId()))
                            .chain(() -> KnownOrganization.deleteById(event.orgId())).replaceWithVoid()));
            case REACTIVATED -> processed.applyOnce(CONSUMER, ce, () -> SuspendedOrganization.deleteById(event.orgId()).replaceWithVoid());
            // The organisation is recorded with the event's id; the invitation has its own transaction and mail, after,
            // so a redelivery can neither invite twice nor record twice.
            case CREATED -> Panache.withTransaction(() -> processed.firstDelivery(CONSUMER, ce.getId(), ce.getType())
                            .call(first -> first ? KnownOrganization.open(event.orgId(), happenedAt(ce).atOffset(ZoneOffset.UTC))
                                    : Uni.createFrom().voidItem()))
                    .chain(first -> first && event.firstAdminEmail() != null && !event.firstAdminEmail().isBlank()
                            ? users.inviteFirstAdmin(event.orgId(), event.firstAdminEmail()).replaceWithVoid()
                            : Uni.createFrom().voidItem());
            default -> Uni.createFrom().voidItem();
        };
    }

    /** When the event happened (its CloudEvent time), so a late delivery does not shut out tokens issued after it. */
    private static java.time.Instant happenedAt(IncomingCloudEventMetadata<?> ce) {
        return ce.getTimeStamp().map(java.time.ZonedDateTime::toInstant).orElseGet(java.time.Instant::now);
    }

    /** auth-service's reading of tenant-service's organisation events: only what it uses. */
    @RegisterForReflection
    record OrganizationEvent(UUID orgId, String firstAdminEmail) {
    }
}
