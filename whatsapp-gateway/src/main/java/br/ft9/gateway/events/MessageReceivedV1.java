package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code ft9.whatsapp.message.received.v1} on {@code ft9.whatsapp.inbound}, keyed by
 * organisation + contact so that one conversation stays in order. {@code conversationMode} HUMAN means a
 * person has the conversation: the assistant and automations must not answer it.
 */
@RegisterForReflection
public record MessageReceivedV1(UUID orgId, UUID messageId, UUID contactId, String waId, String profileName,
        String phoneNumberId, String waMessageId, String type, String text, OffsetDateTime sentAt, UUID conversationId,
        String conversationMode) {

    public static final String TYPE = "ft9.whatsapp.message.received.v1";
    public static final String TOPIC = "ft9.whatsapp.inbound";
}
