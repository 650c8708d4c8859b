package br.ft9.memory.domain;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Answers counted per organisation and month, and the months billing said the plan's quota was reached. */
public interface AnswerQuota {

    /** Billing said the quota of that month is reached. */
    Uni<Void> exceeded(UUID orgId, String month);

    /** A new or changed subscription lifts it. */
    Uni<Void> lifted(UUID orgId);

    /** One more answer given in the month, in the caller's transaction. */
    Uni<Void> answered(UUID orgId, String month);

    /** A deleted organisation's counts, generations and synonyms go, in the caller's transaction. */
    Uni<Void> erase(UUID orgId);
}
