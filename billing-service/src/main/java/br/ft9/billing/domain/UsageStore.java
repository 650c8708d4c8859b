package br.ft9.billing.domain;

import java.util.Map;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Use counted per organisation, month and metric, and the quota notices given (once each); in the caller's transaction. */
public interface UsageStore {

    /** Adds one use; the use so far this month. */
    Uni<Long> countOne(UUID orgId, String period, String metric);

    /** Notes that the quota notice was given; true the first time only. */
    Uni<Boolean> noticeOnce(UUID orgId, String period, String metric);

    /** This month's use by metric. */
    Uni<Map<String, Long>> used(UUID orgId, String period);
}
