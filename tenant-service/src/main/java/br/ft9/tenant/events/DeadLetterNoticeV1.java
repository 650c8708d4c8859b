package br.ft9.tenant.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code ft9.tenant.dead_letter.recorded.v1}, {@code .replayed.v1} and {@code .discarded.v1} on
 * {@code ft9.tenant.events}: an event of the organisation could not be applied by a consumer and waits in a dead-letter
 * topic, was sent back to its topic, or was discarded. {@code messageId} (optional) names the contact's message the event
 * concerns, for that message's journey; {@code reason} is the consumer's failure, or the staff's reason to discard.
 */
@RegisterForReflection
public record DeadLetterNoticeV1(UUID deadLetterId, UUID orgId, UUID messageId, String topic, String originalTopic,
        String eventType, String eventId, String reason, String status, OffsetDateTime at) {
}
