package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code ft9.whatsapp.message.status.v1} on {@code ft9.whatsapp.status}: an outbound message was
 * accepted, sent, delivered, read, failed (with the reason) or suppressed. Keyed by organisation + contact.
 */
@RegisterForReflection
public record MessageStatusV1(UUID orgId, UUID messageId, UUID commandId, UUID conversationId, UUID contactId, String waId,
        String waMessageId, String status, String reason, String delivery, OffsetDateTime at) {

    public static final String TYPE = "ft9.whatsapp.message.status.v1";
    public static final String TOPIC = "ft9.whatsapp.status";
}
