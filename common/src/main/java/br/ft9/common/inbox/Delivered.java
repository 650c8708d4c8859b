package br.ft9.common.inbox;

import java.time.Instant;
import java.util.Optional;

import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;

/** What a consumer's use case may know of the CloudEvent it is applying: its id, type, subject and when it happened. */
public record Delivered(String id, String type, Optional<String> subject, Instant time) {

    /** The event's own time (so a late delivery is judged by when it happened), or now when the producer gave none. */
    static Delivered of(IncomingCloudEventMetadata<?> ce) {
        return new Delivered(ce.getId(), ce.getType(), ce.getSubject(),
                ce.getTimeStamp().map(java.time.ZonedDateTime::toInstant).orElseGet(Instant::now));
    }
}
