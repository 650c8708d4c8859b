package br.ft9.gateway.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.errors.Conflict;
import br.ft9.common.errors.InvalidField;
import br.ft9.common.errors.NotFound;
import br.ft9.common.outbox.Outbox;
import br.ft9.gateway.events.ConversationEventV1;
import br.ft9.common.audit.AuditAction;
import br.ft9.common.audit.AuditTrail;
import io.smallrye.mutiny.Uni;

/**
 * The life of a conversation: opened by a contact's message, taken over by a person (the bot falls
 * silent), released back to the bot, assigned, closed. Every change is announced through the outbox in
 * the same transaction. Callers run these inside a transaction.
 */
@ApplicationScoped
public class Conversations {

    private final Outbox outbox;
    private final OutboundQueue queue;
    private final AuditTrail audit;
    private final Clock clock;

    public Conversations(Outbox outbox, OutboundQueue queue, AuditTrail audit, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.queue = queue;
        this.audit = audit;
    }

    /** The contact's open conversation, opened (answered by the bot) when there is none; notes the message on it. */
    public Uni<Conversation> openFor(UUID orgId, UUID contactId, String phoneNumberId, OffsetDateTime at, String preview) {
        return Conversation.openOf(orgId, contactId).chain(open -> {
            Conversation conversation = open;
            if (conversation == null) {
                conversation = new Conversation();
                conversation.id = UUID.randomUUID();
                conversation.orgId = orgId;
                conversation.contactId = contactId;
                conversation.status = Conversation.OPEN;
                conversation.mode = Conversation.BOT;
                conversation.openedAt = OffsetDateTime.now(clock);
            }
            conversation.phoneNumberId = phoneNumberId;
            conversation.touch(at, preview);
            return conversation.<Conversation>persistAndFlush(); // the message row refers to it at once
        });
    }

    /** A person answers from now on; the caller becomes the assignee unless someone already is. */
    public Uni<Conversation> takeOver(UUID orgId, UUID id, UUID userId) {
        return open(orgId, id).chain(conversation -> {
            Map<String, Object> before = handling(conversation);
            conversation.mode = Conversation.HUMAN;
            if (conversation.assignedUserId == null) {
                conversation.assignedUserId = userId;
            }
            return announce(conversation, ConversationEventV1.TAKEN_OVER, userId, null)
                    .call(c -> audit.record(orgId, AuditAction.CONVERSATION_TAKEN_OVER, "conversation", id, before, handling(c)));
        });
    }

    /** The bot answers again; nobody is assigned any more. */
    public Uni<Conversation> release(UUID orgId, UUID id, UUID userId) {
        return open(orgId, id).chain(conversation -> {
            Map<String, Object> before = handling(conversation);
            conversation.mode = Conversation.BOT;
            conversation.assignedUserId = null;
            conversation.handoffReason = null;
            return announce(conversation, ConversationEventV1.RELEASED, userId, null)
                    .call(c -> audit.record(orgId, AuditAction.CONVERSATION_RELEASED, "conversation", id, before, handling(c)));
        });
    }

    /** Gives the conversation to an active member of the same organisation, who answers it in person. */
    public Uni<Conversation> assign(UUID orgId, UUID id, UUID assigneeId, UUID byUserId) {
        return OrgMember.activeOf(orgId, assigneeId).chain(member -> {
            if (member == null) {
                throw new InvalidField("assigneeId", "assigneeId is not an active member of your organisation");
            }
            return open(orgId, id);
        }).chain(conversation -> {
            Map<String, Object> before = handling(conversation);
            conversation.assignedUserId = assigneeId;
            conversation.mode = Conversation.HUMAN;
            return announce(conversation, ConversationEventV1.ASSIGNED, byUserId, null)
                    .call(c -> audit.record(orgId, AuditAction.CONVERSATION_ASSIGNED, "conversation", id, before, handling(c)));
        });
    }

    public Uni<Conversation> close(UUID orgId, UUID id, UUID userId) {
        return open(orgId, id).chain(conversation -> {
            conversation.status = Conversation.CLOSED;
            conversation.closedAt = OffsetDateTime.now(clock);
            return announce(conversation, ConversationEventV1.CLOSED, userId, null);
        });
    }

    /**
     * The assistant asked for a person: the bot falls silent until someone releases the conversation, and the
     * contact is told (the message, when given, leaves as the platform's notice).
     */
    public Uni<Void> handoffRequested(UUID orgId, UUID conversationId, UUID contactId, String waId, String reason,
            String message) {
        Uni<Conversation> target;
        if (conversationId != null) {
            target = Conversation.ofOrganization(orgId, conversationId);
        } else if (contactId != null) {
            target = Conversation.openOf(orgId, contactId);
        } else if (waId != null) {
            target = Contact.<Contact>find("orgId = ?1 and waId = ?2", orgId, waId).firstResult()
                    .chain(contact -> contact == null ? Uni.createFrom().nullItem() : Conversation.openOf(orgId, contact.id));
        } else {
            target = Uni.createFrom().nullItem();
        }
        return target.chain(conversation -> {
            if (conversation == null || !Conversation.OPEN.equals(conversation.status) || conversation.humanMode()) {
                return Uni.createFrom().voidItem(); // nothing to hand off, or a person has it already
            }
            conversation.mode = Conversation.HUMAN;
            conversation.handoffReason = reason;
            Uni<Conversation> announced = announce(conversation, ConversationEventV1.HANDOFF_REQUESTED, null, reason);
            if (message == null || message.isBlank()) {
                return announced.replaceWithVoid();
            }
            return announced.chain(c -> Contact.<Contact>findById(c.contactId).chain(contact -> queue.text(c, contact, "system",
                    message, null))).replaceWithVoid();
        });
    }

    /** Who answers the conversation, as the audit trail shows it before and after a take-over or an assignment. */
    private static Map<String, Object> handling(Conversation conversation) {
        Map<String, Object> handling = new java.util.LinkedHashMap<>();
        handling.put("mode", conversation.mode);
        handling.put("assignedUserId", conversation.assignedUserId);
        return handling;
    }

    private static Uni<Conversation> open(UUID orgId, UUID id) {
        return Conversation.ofOrganization(orgId, id).map(conversation -> {
            if (conversation == null) {
                throw new NotFound("no conversation " + id);
            }
            if (!Conversation.OPEN.equals(conversation.status)) {
                throw new Conflict("status", "the conversation is closed");
            }
            return conversation;
        });
    }

    private Uni<Conversation> announce(Conversation conversation, String type, UUID byUserId, String reason) {
        return Contact.<Contact>findById(conversation.contactId).chain(contact -> {
            ConversationEventV1 event = new ConversationEventV1(conversation.orgId, conversation.id, contact.id, contact.waId,
                    conversation.status, conversation.mode, conversation.assignedUserId, byUserId, reason, OffsetDateTime.now(clock));
            return conversation.<Conversation>persist()
                    .call(() -> outbox.append(ConversationEventV1.TOPIC, type, conversation.orgId,
                            conversation.orgId + ":" + contact.waId, event));
        });
    }

}
