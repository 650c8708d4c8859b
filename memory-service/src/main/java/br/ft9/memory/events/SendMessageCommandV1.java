package br.ft9.memory.events;

import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code ft9.whatsapp.command.send_message.v1} on {@code ft9.whatsapp.outbound}, as memory-service sends it:
 * a text answer from the bot, replying to the contact's message, keyed by organisation + contact.
 */
@RegisterForReflection
public record SendMessageCommandV1(UUID commandId, UUID orgId, UUID contactId, String waId, UUID conversationId,
        String phoneNumberId, String origin, String kind, String text, String replyToWaMessageId, UUID inReplyToMessageId) {

    public static final String TYPE = "ft9.whatsapp.command.send_message.v1";
    public static final String TOPIC = "ft9.whatsapp.outbound";
}
