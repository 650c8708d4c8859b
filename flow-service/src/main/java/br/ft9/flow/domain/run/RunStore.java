package br.ft9.flow.domain.run;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Where runs are claimed and their steps' history kept. */
public interface RunStore {

    /** One step as it went: written once per attempt, the last attempt replacing the earlier ones. */
    record StepRecord(UUID runId, int step, String type, String path, String status, String input, String output, String error,
            int attempts) {
    }

    /** Claims up to {@code limit} due runs for this claimant; another's concurrent claim gets other runs. */
    Uni<List<UUID>> claimDue(String claimant, int limit);

    /** Makes runs RUNNING for five minutes (their replica died) READY again. */
    Uni<Void> recoverAbandoned();

    /** A run that broke unexpectedly is tried again after a growing wait, and fails after the last attempt. */
    Uni<Void> failUnexpectedly(UUID runId, int maxAttempts, String error, Duration firstBackoff);

    /** The definition of an automation's version, as saved. */
    Uni<String> definition(UUID automationId, int version);

    /** Writes a step's record, in the caller's transaction. */
    Uni<Void> record(StepRecord record);
}
