package br.ft9.memory.events;

import java.time.OffsetDateTime;
import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** memory-service's reading of whatsapp-gateway's {@code ft9.whatsapp.conversation.agent_replied.v1}. */
@RegisterForReflection
public record AgentRepliedV1(UUID orgId, UUID conversationId, UUID contactId, String waId, UUID messageId, UUID agentId,
        String text, OffsetDateTime at) {

    public static final String TYPE = "ft9.whatsapp.conversation.agent_replied.v1";
}
