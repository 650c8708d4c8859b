package br.ft9.gateway.events;


import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.EventRoutes;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.gateway.domain.Directory;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the gateway's organisation directory and phone-number map in step with tenant-service. Each event is applied once
 * (by its CloudEvent id) and acknowledged only after its transaction committed.
 */
@ApplicationScoped
public class TenantEventsConsumer {

    static final String CONSUMER = "gateway.tenant-events";

    private final EventRoutes routes;

    public TenantEventsConsumer(ProcessedEvents processed, Directory directory, ObjectMapper json) {
        this.routes = EventRoutes.of(CONSUMER, processed, json)
                .once(OrganizationEventV1.SNAPSHOTS, OrganizationEventV1.class, (event, o) -> directory.keepOrganization(o.orgId(),
                        o.name(), o.slug(), o.timeZone(), o.locale(), o.status()))
                .once(ChannelEventV1.CONNECTED, ChannelEventV1.class, c -> directory.route(c.phoneNumberId(), c.orgId(), c.channelId(),
                        c.displayPhoneNumber(), c.wabaId(), c.accessTokenSealed()))
                .once(ChannelEventV1.DISCONNECTED, ChannelEventV1.class, c -> directory.unroute(c.phoneNumberId(), c.channelId()))
                .once(OrganizationEventV1.DELETED, OrganizationEventV1.class, o -> directory.erase(o.orgId()));
        // Other tenant events are read by later gateway features.
    }

    @Incoming("tenant-events")
    public Uni<Void> consume(Message<String> message) {
        return routes.consume(message);
    }
}
