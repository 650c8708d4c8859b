package br.ft9.billing.domain;

import java.util.Map;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Use counted per organisation, month and metric, and the quota notices given (once each); in the caller's transaction. */
public interface UsageStore {

    /** Adds uses (one or more); the use so far this month. */
    Uni<Long> count(UUID orgId, String period, String metric, long uses);

    /** Notes that the quota notice was given; true the first time only. */
    Uni<Boolean> noticeOnce(UUID orgId, String period, String metric);

    /** The month's quota notices are forgotten: a new plan's limits are judged again (and announced again if reached). */
    Uni<Void> forgetNotices(UUID orgId, String period);

    /** This month's use by metric. */
    Uni<Map<String, Long>> used(UUID orgId, String period);
}
