package br.ft9.common.retention;

import io.smallrye.mutiny.Uni;

/**
 * One kind of data a service keeps only for a time: past its organisation's retention (messages' words, runs' data,
 * handed-off questions), or past any redelivery (the consumers' record of applied events). Emptied a batch at a time by
 * {@link RetentionSweeper}, each batch taken with {@code for update skip locked} so that replicas share the work and
 * never wait for each other.
 */
public interface Expiry {

    /** What is emptied, for the log ("messages", "automation runs"). */
    String what();

    /** Why they go, for the log. */
    default String because() {
        return "past their organisation's retention";
    }

    /** How many rows one batch takes at most. */
    default int batch() {
        return 1000;
    }

    /** Empties up to {@link #batch()} expired rows no other replica is emptying now; answers how many. */
    Uni<Integer> expireBatch();
}
