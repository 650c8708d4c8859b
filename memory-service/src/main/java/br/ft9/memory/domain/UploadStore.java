package br.ft9.memory.domain;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** An upload's bytes while its job runs, and the text each organisation's documents gave lately. */
public interface UploadStore {

    /** The characters of text the organisation's documents gave in the last hour, and the seconds until the oldest leaves it. */
    record LastHour(long chars, Long secondsUntilFirstLeaves) {
    }

    Uni<LastHour> lastHour(UUID orgId);

    /** Keeps the file's bytes with its job, in the caller's transaction. */
    Uni<Void> keep(UUID jobId, byte[] bytes);

    /** The file's bytes, in the caller's session. */
    Uni<byte[]> content(UUID jobId);

    /** Ends the job and lets go of the upload's bytes, in the caller's transaction. */
    Uni<Void> settle(UUID jobId, String status, String reason);
}
