package br.ft9.flow.domain.run;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/** Where runs are claimed and their steps' history kept. */
public interface RunStore {

    /** One step as it went: written once per attempt, the last attempt replacing the earlier ones. */
    record StepRecord(UUID runId, int step, String type, String path, String status, String input, String output, String error,
            int attempts) {
    }

    /**
     * A run to start: its automation's version, the event that started it, its contact and facts, READY or SKIPPED, or
     * RUNNING claimed by {@code claimedBy} for a run its starter carries at once ({@link RunHandOff}).
     */
    record NewRun(UUID id, UUID orgId, UUID automationId, int version, String triggerEventId, String contactWaId, String facts,
            String status, String skipReason, String claimedBy) {
    }

    /** Records a run once per automation and trigger event, in the caller's transaction; true when this call recorded it. */
    Uni<Boolean> insert(NewRun run);

    /**
     * Runs {@code work} (inside the caller's transaction) with the runs it inserts, their steps' records, their moves and
     * their counts against the plan held back and written together when it has succeeded, still in that transaction: a
     * batch of messages starts a run or more each, and a few statements for them all spare several round trips a run.
     * Inside, a count always answers true and a run is unique within the work only; the end fails with
     * {@link TogetherRefused} when a run was recorded before or a plan has no room for them all. Nothing the work does may
     * read those runs back from the database (their contact's last start, {@link #lastStart}, sees them).
     */
    <T> Uni<T> together(Supplier<Uni<T>> work);

    /**
     * Does {@code action} (a metric, nothing that writes) once the runs' writes are made: at once, or inside
     * {@link #together} when its writes were made, so a batch refused there and applied again is not counted twice.
     */
    void whenWritten(Runnable action);

    /** When the automation last started (not skipped) for the contact, or null; runs held by {@link #together} included. */
    Uni<OffsetDateTime> lastStart(UUID automationId, String waId);

    /** What recording a run and counting it against the organisation's plan came to. */
    enum Counted {
        /** The trigger event had started this automation's run before: nothing recorded or counted. */
        RECORDED_BEFORE,
        /** Recorded and counted against the period's runs. */
        COUNTED,
        /** Recorded, but the plan's limit is reached: not counted, for the caller to take back ({@link #forget}). */
        OVER_PLAN
    }

    /**
     * Records a run once per automation and trigger event and counts it against the organisation's runs of
     * {@code period}, in the caller's transaction, as one statement (the counter's row lock makes concurrent starts at the
     * limit take turns). Inside {@link #together}, counted is the answer and the batch's end has the last word.
     */
    Uni<Counted> insertCounted(NewRun run, String period);

    /** Takes back a run that was not counted, in the caller's transaction. */
    Uni<Void> forget(UUID runId);

    /** A step of a run as its history shows it. */
    record StepDone(int step, String type, String path, String status, String output, String error, int attempts,
            java.time.OffsetDateTime startedAt, java.time.OffsetDateTime finishedAt) {
    }

    /** What each step of the run did, in order. */
    Uni<List<StepDone>> steps(UUID runId);

    /**
     * Claims up to {@code limit} due runs for this claimant, read as they stand (not attached to a session: the engine
     * writes them by id); another's concurrent claim gets other runs.
     */
    Uni<List<br.ft9.flow.domain.Run>> claimDue(String claimant, int limit);

    /**
     * Makes READY again the runs RUNNING for five minutes (their replica died), and at once those this replica left
     * RUNNING (a drain that failed with the database, when even recording the failure failed): the caller looks only
     * when none of its own drains is in flight.
     */
    Uni<Void> recoverAbandoned(String ownReplica);

    /** A run that broke unexpectedly is tried again after a growing wait, and fails after the last attempt. */
    Uni<Void> failUnexpectedly(UUID runId, int maxAttempts, String error, Duration firstBackoff);

    /** The definition of an automation's version, as saved. */
    Uni<String> definition(UUID automationId, int version);

    /** Writes a step's record, in the caller's transaction. */
    Uni<Void> record(StepRecord record);

    /** Where a run goes after a step: the closed set of moves the engine makes. */
    sealed interface Move {
        /** At {@code step} (a step done, none failing), with what it learnt so far; its status unchanged. */
        record Advanced(int step, String facts) implements Move {
        }

        /** Succeeded at {@code step}, the end of its program. */
        record Succeeded(int step, String facts) implements Move {
        }

        /** Waits (a delay step) and is due again at {@code dueAt} at {@code step}. */
        record Waits(int step, String facts, OffsetDateTime dueAt) implements Move {
        }

        /** Its step failed and is tried again at {@code dueAt}, its {@code attempts}th. */
        record Retries(int attempts, String error, OffsetDateTime dueAt) implements Move {
        }

        /** Failed for good, with the reason. */
        record Failed(String error) implements Move {
        }
    }

    /**
     * Moves the run, at {@code at}, with the record of the step that moved it ({@code record}, or null when there is
     * none or it was written before) in the same statement; in the caller's transaction.
     */
    Uni<Void> moved(UUID runId, Move move, OffsetDateTime at, StepRecord record);
}
