package br.ft9.gateway.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.outbox.Outbox;
import br.ft9.gateway.events.SendMessageCommandV1;
import io.smallrye.mutiny.Uni;

/**
 * Queues a message the gateway itself decided to send (an agent's reply or template, the hand-off notice): the message is
 * recorded as queued in the conversation and its send command goes through the outbox, so it leaves by the
 * same path, in the same order and under the same rules as every other message. Call inside a transaction.
 */
@ApplicationScoped
public class OutboundQueue {

    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public OutboundQueue(Outbox outbox, ObjectMapper json, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.json = json;
    }

    public Uni<WhatsAppMessage> text(Conversation conversation, Contact contact, String origin, String text, UUID userId) {
        return queue(conversation, contact, SendMessageCommandV1.text(UUID.randomUUID(), conversation.orgId, contact.id,
                contact.waId, conversation.id, conversation.phoneNumberId, origin, text, userId), "text", text, userId);
    }

    /** An approved template with its values; {@code rendered} is its text as the contact reads it, for the thread. */
    public Uni<WhatsAppMessage> template(Conversation conversation, Contact contact, String origin, String rendered,
            SendRequest.Template template, UUID userId) {
        return queue(conversation, contact, new SendMessageCommandV1(UUID.randomUUID(), conversation.orgId, contact.id, contact.waId,
                conversation.id, conversation.phoneNumberId, origin, "template", null, template, null, null, null, userId, null),
                "template", rendered, userId);
    }

    private Uni<WhatsAppMessage> queue(Conversation conversation, Contact contact, SendMessageCommandV1 command, String type,
            String text, UUID userId) {
        String origin = command.origin();
        OffsetDateTime now = OffsetDateTime.now(clock);
        WhatsAppMessage message = new WhatsAppMessage();
        message.id = UUID.randomUUID();
        message.orgId = conversation.orgId;
        message.contactId = contact.id;
        message.conversationId = conversation.id;
        message.direction = WhatsAppMessage.OUT;
        message.commandId = command.commandId();
        message.type = type;
        message.text = text;
        message.status = DeliveryStatus.QUEUED.wire();
        message.origin = origin;
        message.sentByUserId = userId;
        message.sentAt = now;
        message.createdAt = now;
        try {
            message.payload = json.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        conversation.touch(now, text);
        return message.<WhatsAppMessage>persist()
                .call(conversation::persist)
                .call(() -> outbox.append(SendMessageCommandV1.TOPIC, SendMessageCommandV1.TYPE, conversation.orgId,
                        conversation.orgId + ":" + contact.waId, command));
    }
}
