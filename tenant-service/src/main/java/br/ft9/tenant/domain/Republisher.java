package br.ft9.tenant.domain;

import java.util.List;

import io.smallrye.mutiny.Uni;

/** Sends a record back to a topic exactly as it was first published (key, headers, data). */
public interface Republisher {

    /** Completes once the broker acknowledged the record. */
    Uni<Void> republish(String topic, String key, List<DeadLetterArrival.RecordHeader> headers, String payload);
}
