package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.CloudEventInbox;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.gateway.domain.Conversations;
import br.ft9.gateway.domain.OrgMember;
import io.smallrye.mutiny.Uni;

/**
 * What the gateway learns from other services about people: auth-service's users (who may be assigned a
 * conversation) and memory-service's hand-off requests (the assistant asks for a person). Applied once by
 * event id, acknowledged after commit.
 */
@ApplicationScoped
public class PeopleEventsConsumer {

    static final String USERS = "gateway.auth-events";
    static final String HANDOFFS = "gateway.memory-events";
    static final String FLOW_HANDOFFS = "gateway.flow-events";
    static final String FLOW_HANDOFF_TYPE = "ft9.flow.conversation.handoff_requested.v1";

    private final ProcessedEvents processed;
    private final Conversations conversations;
    private final ObjectMapper json;

    public PeopleEventsConsumer(ProcessedEvents processed, Conversations conversations, ObjectMapper json) {
        this.processed = processed;
        this.conversations = conversations;
        this.json = json;
    }

    @Incoming("auth-events")
    public Uni<Void> users(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> !ce.getType().startsWith(UserEventV1.PREFIX)
                ? Uni.createFrom().voidItem()
                : CloudEventInbox.data(json, payload, UserEventV1.class).chain(user -> processed.applyOnce(USERS, ce,
                        () -> user.orgId() == null ? Uni.createFrom().voidItem() // platform staff answer no conversation
                                : OrgMember.<OrgMember>findById(user.userId()).chain(existing -> {
                                    OrgMember member = existing != null ? existing : new OrgMember();
                                    member.userId = user.userId();
                                    member.orgId = user.orgId();
                                    member.role = user.role();
                                    member.status = user.status();
                                    member.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                                    return member.persist().replaceWithVoid();
                                }))));
    }

    /** An automation's handoff_to_human step: the same as the assistant asking for a person. */
    @Incoming("flow-events")
    public Uni<Void> flowHandoffs(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> !FLOW_HANDOFF_TYPE.equals(ce.getType())
                ? Uni.createFrom().voidItem()
                : CloudEventInbox.data(json, payload, HandoffRequestedV1.class).chain(handoff -> processed.applyOnce(FLOW_HANDOFFS, ce,
                        () -> conversations.handoffRequested(handoff.orgId(), handoff.conversationId(), handoff.contactId(),
                                handoff.waId(), handoff.reason(), handoff.message()))));
    }

    @Incoming("memory-events")
    public Uni<Void> handoffs(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> !HandoffRequestedV1.TYPE.equals(ce.getType())
                ? Uni.createFrom().voidItem()
                : CloudEventInbox.data(json, payload, HandoffRequestedV1.class).chain(handoff -> processed.applyOnce(HANDOFFS, ce,
                        () -> conversations.handoffRequested(handoff.orgId(), handoff.conversationId(), handoff.contactId(),
                                handoff.waId(), handoff.reason(), handoff.message()))));
    }
}
