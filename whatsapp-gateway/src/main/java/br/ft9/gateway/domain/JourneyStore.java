package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Where the steps of messages' journeys are kept, once each (a redelivered event adds nothing). */
public interface JourneyStore {

    /** A kept step: its kind, its detail as JSON text, and when it happened. */
    record Kept(String kind, String detail, OffsetDateTime at) {
    }

    /** Keeps a step about a message, named by {@code ref}; in the caller's transaction. */
    Uni<Void> keep(UUID orgId, UUID messageId, String ref, String kind, String detail, OffsetDateTime at);

    /** Keeps how the step named {@code ref} ended, about the same message; in the caller's transaction. */
    Uni<Void> keepEnd(UUID orgId, String ref, String kind, String detail, OffsetDateTime at);

    Uni<List<Kept>> steps(UUID orgId, UUID messageId);
}
