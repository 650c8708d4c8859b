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

    /** A step to keep about a message, named by {@code ref} (once per organisation and message); detail as JSON text. */
    record NewStep(UUID orgId, UUID messageId, String ref, String kind, String detail, OffsetDateTime at) {
    }

    /** How the step named {@code ref} ended; kept about the same message, named {@code ref + "/end"}. */
    record StepEnd(UUID orgId, String ref, String kind, String detail, OffsetDateTime at) {
    }

    /** Keeps the steps, in one statement; in the caller's transaction. */
    Uni<Void> keep(List<NewStep> steps);

    /** Keeps how the steps ended, in one statement, each next to its step (none if that step is not kept). */
    Uni<Void> keepEnds(List<StepEnd> ends);

    Uni<List<Kept>> steps(UUID orgId, UUID messageId);
}
