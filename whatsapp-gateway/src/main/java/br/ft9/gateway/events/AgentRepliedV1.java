package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code ft9.whatsapp.conversation.agent_replied.v1} on {@code ft9.whatsapp.inbound}: a person on the team wrote
 * to the contact (the text as written). Keyed like the messages (organisation + contact). memory-service keeps it as
 * the answer to a question its assistant could not give.
 */
@RegisterForReflection
public record AgentRepliedV1(UUID orgId, UUID conversationId, UUID contactId, String waId, UUID messageId, UUID agentId,
        String text, OffsetDateTime at) {

    public static final String TYPE = "ft9.whatsapp.conversation.agent_replied.v1";
    public static final String TOPIC = "ft9.whatsapp.inbound";
}
