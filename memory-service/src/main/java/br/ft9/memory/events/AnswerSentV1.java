package br.ft9.memory.events;

import java.util.List;
import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code ft9.memory.answer.given.v1} on {@code ft9.memory.events}: the assistant answered the contact's message
 * {@code messageId}, from these items (quota, reports, the message's journey). {@code messageId} and {@code sources}
 * (the items' titles) came later and are optional.
 */
@RegisterForReflection
public record AnswerSentV1(UUID orgId, UUID conversationId, UUID contactId, UUID commandId, String mode, List<UUID> citedItems,
        UUID messageId, List<String> sources) {

    public static final String TYPE = "ft9.memory.answer.given.v1";
    public static final String TOPIC = "ft9.memory.events";
}
