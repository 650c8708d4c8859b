package br.ft9.gateway.api;

import java.time.Duration;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;

import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.gateway.infra.InboxFeed;
import io.smallrye.mutiny.Multi;

/** The inbox's live events for the token's organisation, as server-sent events. */
@Path("/api/inbox")
@RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME })
public class InboxEventsResource {

    /** Under the ingress's read timeout (60 s), so an idle stream is never cut for silence. */
    static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final InboxFeed feed;
    private final TenantContext tenant;

    public InboxEventsResource(InboxFeed feed, TenantContext tenant) {
        this.feed = feed;
        this.tenant = tenant;
    }

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow the organisation's inbox live", description = "Server-sent events, one per change: "
            + "`conversation` (opened, handed off, taken over, given back, assigned, closed, new activity), `message` (in or "
            + "out), `message_status` (a reply's delivery); data `{conversationId, messageId}`. Each has an id: send it back "
            + "as Last-Event-ID when reconnecting to get what was missed, or a `reload` event when that is older than an "
            + "hour. A comment every 20 s keeps the stream open.")
    public Multi<OutboundSseEvent> events(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        UUID orgId = tenant.orgId();
        Multi<OutboundSseEvent> changes = feed.follow(orgId, lastId(lastEventId)).map(event -> {
            OutboundSseEvent.Builder builder = sse.newEventBuilder().name(event.kind()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(new EventData(event.conversationId(), event.messageId()));
            return event.id() > 0 ? builder.id(Long.toString(event.id())).build() : builder.build();
        });
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(HEARTBEAT)
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(changes, heartbeats);
    }

    private static Long lastId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return null; // not one of ours: the console starts from now
        }
    }

    /** What an event says: which conversation, which message. */
    public record EventData(UUID conversationId, UUID messageId) {
    }
}
