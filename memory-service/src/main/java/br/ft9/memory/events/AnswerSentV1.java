package br.ft9.memory.events;

import java.util.List;
import java.util.UUID;

/** {@code ft9.memory.answer.given.v1} on {@code ft9.memory.events}: the assistant answered, from these items (quota and reports). */
public record AnswerSentV1(UUID orgId, UUID conversationId, UUID contactId, UUID commandId, String mode, List<UUID> citedItems) {

    public static final String TYPE = "ft9.memory.answer.given.v1";
    public static final String TOPIC = "ft9.memory.events";
}
