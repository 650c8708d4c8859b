package br.ft9.memory.events;

import java.util.List;
import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code ft9.memory.conversation.handoff_requested.v1} on {@code ft9.memory.events}: the assistant found
 * nothing relevant and asks for a person. {@code message} is what the contact is told (the gateway sends it
 * before the bot falls silent).
 */
@RegisterForReflection
public record HandoffRequestedV1(UUID orgId, UUID conversationId, UUID contactId, String waId, String reason, String question,
        String message, List<UUID> consideredItems, UUID messageId) {

    public static final String TYPE = "ft9.memory.conversation.handoff_requested.v1";
    public static final String TOPIC = "ft9.memory.events";
}
