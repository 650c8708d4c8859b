package br.ft9.tenant.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A record read from a dead-letter topic, as the event adapter understood it: where it sits, where it came from, why
 * it failed, the original event's id, type, organisation and the contact's message it concerns, and the record itself.
 */
public record DeadLetterArrival(String topic, int partition, long offset, String originalTopic, Integer originalPartition,
        Long originalOffset, String key, String eventId, String eventType, UUID orgId, UUID messageId, String reason,
        String cause, List<RecordHeader> headers, String payload, OffsetDateTime at) {

    /** One Kafka header of the record, its value read as UTF-8 text (the platform's headers are all text). */
    public record RecordHeader(String name, String value) {

        /** Headers the dead-letter strategy added, which a replay leaves out. */
        public boolean addedByDeadLettering() {
            return name.startsWith("dead-letter-");
        }
    }
}
