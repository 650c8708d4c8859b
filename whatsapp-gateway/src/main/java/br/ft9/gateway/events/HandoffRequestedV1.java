package br.ft9.gateway.events;

import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code ft9.memory.conversation.handoff_requested.v1} on {@code ft9.memory.events}: the assistant
 * could not help and asks for a person. The conversation is named by id, or by its contact; {@code message}, when
 * given, is what the contact is told (sent as the platform's own notice, although the bot falls silent);
 * {@code messageId} (optional) the contact's message that led to it, for that message's journey.
 */
@RegisterForReflection
public record HandoffRequestedV1(UUID orgId, UUID conversationId, UUID contactId, String waId, String reason, String message,
        UUID messageId) {

    public static final String TYPE = "ft9.memory.conversation.handoff_requested.v1";
}
