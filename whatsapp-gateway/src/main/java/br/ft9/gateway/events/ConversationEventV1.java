package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code ft9.whatsapp.conversation.*.v1} on {@code ft9.whatsapp.inbound}, beside the messages and
 * keyed like them (organisation + contact), so a consumer sees a take-over before the messages after it.
 * {@code mode} is BOT or HUMAN after the change: in HUMAN mode no automatic answer is sent.
 */
@RegisterForReflection
public record ConversationEventV1(UUID orgId, UUID conversationId, UUID contactId, String waId, String status, String mode,
        UUID assignedUserId, UUID byUserId, String reason, OffsetDateTime at) {

    public static final String TOPIC = "ft9.whatsapp.inbound";
    public static final String HANDOFF_REQUESTED = "ft9.whatsapp.conversation.handoff_requested.v1";
    public static final String TAKEN_OVER = "ft9.whatsapp.conversation.taken_over.v1";
    public static final String RELEASED = "ft9.whatsapp.conversation.released.v1";
    public static final String ASSIGNED = "ft9.whatsapp.conversation.assigned.v1";
    public static final String CLOSED = "ft9.whatsapp.conversation.closed.v1";
}
