package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.CloudEventInbox;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.gateway.domain.ChannelRoute;
import br.ft9.gateway.domain.Contact;
import br.ft9.gateway.domain.KnownOrganization;
import br.ft9.gateway.domain.OrgMember;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the gateway's organisation directory and phone-number map in step with tenant-service. Each event is applied once
 * (by its CloudEvent id) and acknowledged only after its transaction committed.
 */
@ApplicationScoped
public class TenantEventsConsumer {

    static final String CONSUMER = "gateway.tenant-events";

    private final ProcessedEvents processed;
    private final ObjectMapper json;

    public TenantEventsConsumer(ProcessedEvents processed, ObjectMapper json) {
        this.processed = processed;
        this.json = json;
    }

    @Incoming("tenant-events")
    public Uni<Void> consume(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> {
            if (OrganizationEventV1.SNAPSHOTS.contains(ce.getType())) {
                return CloudEventInbox.data(json, payload, OrganizationEventV1.class).chain(event -> processed.applyOnce(CONSUMER, ce, () -> record(event)));
            }
            if (ChannelEventV1.CONNECTED.equals(ce.getType())) {
                return CloudEventInbox.data(json, payload, ChannelEventV1.class).chain(event -> processed.applyOnce(CONSUMER, ce, () -> route(event)));
            }
            if (ChannelEventV1.DISCONNECTED.equals(ce.getType())) {
                return CloudEventInbox.data(json, payload, ChannelEventV1.class).chain(event -> processed.applyOnce(CONSUMER, ce,
                        // Only this channel's route: the number may since have been connected again.
                        () -> ChannelRoute.delete("phoneNumberId = ?1 and channelId = ?2", event.phoneNumberId(), event.channelId())
                                .replaceWithVoid()));
            }
            if (OrganizationEventV1.DELETED.equals(ce.getType())) {
                return CloudEventInbox.data(json, payload, OrganizationEventV1.class).chain(event -> processed.applyOnce(CONSUMER, ce,
                        // The organisation's conversations go with it: contacts cascade to their conversations and messages.
                        () -> ChannelRoute.delete("orgId", event.orgId())
                                .chain(() -> Contact.delete("orgId", event.orgId()))
                                .chain(() -> OrgMember.delete("orgId", event.orgId()))
                                .chain(() -> KnownOrganization.deleteById(event.orgId())).replaceWithVoid()));
            }
            return Uni.createFrom().voidItem(); // other tenant events are read by later gateway features
        });
    }


    /** The number now belongs to this organisation (a later connection replaces an earlier one). */
    private Uni<Void> route(ChannelEventV1 event) {
        return ChannelRoute.<ChannelRoute>findById(event.phoneNumberId()).chain(existing -> {
            ChannelRoute route = existing != null ? existing : new ChannelRoute();
            route.phoneNumberId = event.phoneNumberId();
            route.orgId = event.orgId();
            route.channelId = event.channelId();
            route.displayPhoneNumber = event.displayPhoneNumber();
            route.wabaId = event.wabaId();
            route.accessTokenSealed = event.accessTokenSealed();
            route.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return route.persist().replaceWithVoid();
        });
    }

    private Uni<Void> record(OrganizationEventV1 event) {
        return KnownOrganization.<KnownOrganization>findById(event.orgId())
                .chain(existing -> {
                    KnownOrganization organization = existing != null ? existing : new KnownOrganization();
                    organization.orgId = event.orgId();
                    organization.name = event.name();
                    organization.slug = event.slug();
                    organization.timeZone = event.timeZone();
                    organization.locale = event.locale();
                    organization.status = event.status();
                    organization.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return organization.persist();
                })
                .replaceWithVoid();
    }
}
