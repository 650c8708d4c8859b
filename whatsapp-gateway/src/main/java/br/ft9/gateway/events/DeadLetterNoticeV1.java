package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The gateway's reading of tenant-service's {@code ft9.tenant.dead_letter.*.v1}: an event about a contact's message
 * waits in a dead-letter topic, was replayed or was discarded; each is a step of that message's journey.
 */
@RegisterForReflection
public record DeadLetterNoticeV1(UUID deadLetterId, UUID orgId, UUID messageId, String topic, String eventType, String reason,
        OffsetDateTime at) {

    public static final String RECORDED = "ft9.tenant.dead_letter.recorded.v1";
    public static final String REPLAYED = "ft9.tenant.dead_letter.replayed.v1";
    public static final String DISCARDED = "ft9.tenant.dead_letter.discarded.v1";
    public static final List<String> TYPES = List.of(RECORDED, REPLAYED, DISCARDED);

    /** The journey step this notice is. */
    public static String journeyKind(String type) {
        return switch (type) {
            case RECORDED -> "dead_lettered";
            case REPLAYED -> "dead_letter_replayed";
            default -> "dead_letter_discarded";
        };
    }
}
