package br.ft9.gateway.events;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.EventRoutes;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.gateway.domain.ContactPrivacy;
import br.ft9.gateway.domain.Directory;
import br.ft9.gateway.domain.Journeys;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the gateway's organisation directory and phone-number map in step with tenant-service. Each event is applied once
 * (by its CloudEvent id) and acknowledged only after its transaction committed.
 */
@ApplicationScoped
public class TenantEventsConsumer {

    static final String CONSUMER = "gateway.tenant-events";

    private final EventRoutes routes;

    public TenantEventsConsumer(ProcessedEvents processed, Directory directory, Journeys journeys, ContactPrivacy privacy,
            ObjectMapper json) {
        this.routes = EventRoutes.of(CONSUMER, processed, json)
                .once(OrganizationEventV1.SNAPSHOTS, OrganizationEventV1.class, (event, o) -> directory.keepOrganization(o.orgId(),
                        o.name(), o.slug(), o.timeZone(), o.locale(), o.status(), o.messageRetentionDays()))
                .once(ChannelEventV1.CONNECTED, ChannelEventV1.class, c -> directory.route(c.phoneNumberId(), c.orgId(), c.channelId(),
                        c.displayPhoneNumber(), c.wabaId(), c.accessTokenSealed()))
                .once(ChannelEventV1.DISCONNECTED, ChannelEventV1.class, c -> directory.unroute(c.phoneNumberId(), c.channelId()))
                .once(OrganizationEventV1.DELETED, OrganizationEventV1.class, o -> directory.erase(o.orgId()))
                // A step of the journey of the message the dead-lettered event was about (none named: no journey).
                .once(DeadLetterNoticeV1.TYPES, DeadLetterNoticeV1.class, (event, notice) -> {
                    String kind = DeadLetterNoticeV1.journeyKind(event.type());
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("topic", notice.topic());
                    detail.put("eventType", notice.eventType());
                    if (notice.reason() != null) {
                        detail.put("reason", notice.reason());
                    }
                    return journeys.record(notice.orgId(), notice.messageId(), "dead-letter/" + notice.deadLetterId() + "/" + kind,
                            kind, detail, notice.at() != null ? notice.at() : event.time().atOffset(java.time.ZoneOffset.UTC));
                })
                .once(List.of(ContactErasedV1.TENANT), ContactErasedV1.class, (event, erased) -> privacy.confirmed(erased.orgId(),
                        erased.erasureId(), "tenant-service", erased.erasedAt() != null ? erased.erasedAt()
                                : event.time().atOffset(java.time.ZoneOffset.UTC)));
        // Other tenant events are read by later gateway features.
    }

    @Incoming("tenant-events")
    public Uni<Void> consume(Message<String> message) {
        return routes.consume(message);
    }
}
