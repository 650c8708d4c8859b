package br.ft9.memory.events;

import java.time.OffsetDateTime;
import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** memory-service's reading of whatsapp-gateway's {@code ft9.whatsapp.message.received.v1}. */
@RegisterForReflection
public record MessageReceivedV1(UUID orgId, UUID messageId, UUID contactId, String waId, String profileName,
        String phoneNumberId, String waMessageId, String type, String text, OffsetDateTime sentAt, UUID conversationId,
        String conversationMode) {

    public static final String TYPE = "ft9.whatsapp.message.received.v1";

    /** The gateway's word for a conversation a person has taken. */
    static final String HUMAN = "HUMAN";

    public br.ft9.memory.domain.Question toQuestion() {
        return new br.ft9.memory.domain.Question(orgId, messageId, contactId, waId, conversationId, phoneNumberId, waMessageId, text,
                HUMAN.equals(conversationMode));
    }
}
