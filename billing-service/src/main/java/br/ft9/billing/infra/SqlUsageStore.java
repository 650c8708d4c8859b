package br.ft9.billing.infra;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.billing.domain.UsageStore;
import br.ft9.common.sql.SessionSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Use in usage_counter (one row per organisation, month and metric, counted up in place) and quota_notice; the statements
 * that return rows go through {@link SessionSql}, past Hibernate's query-plan cache (counting runs for every message).
 */
@ApplicationScoped
public class SqlUsageStore implements UsageStore {

    @Override
    public Uni<Long> count(UUID orgId, String period, String metric, long uses) {
        return SessionSql.row("insert into usage_counter (org_id, period, metric, used) values ($1, $2, $3, $4)"
                + " on conflict (org_id, period, metric) do update set used = usage_counter.used + excluded.used returning used",
                orgId, period, metric, uses).map(row -> ((Number) row[0]).longValue());
    }

    @Override
    public Uni<Boolean> noticeOnce(UUID orgId, String period, String metric) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into quota_notice (org_id, period, metric) values"
                + " (:org, :period, :metric) on conflict do nothing").setParameter("org", orgId).setParameter("period", period)
                .setParameter("metric", metric).executeUpdate()).map(n -> n == 1);
    }

    @Override
    public Uni<Void> forgetNotices(UUID orgId, String period) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from quota_notice where org_id = :org and period = :period")
                .setParameter("org", orgId).setParameter("period", period).executeUpdate()).replaceWithVoid();
    }

    @Override
    public Uni<Map<String, Long>> used(UUID orgId, String period) {
        return SessionSql.rows("select metric, used from usage_counter where org_id = $1 and period = $2", orgId, period)
                .map(rows -> {
                    Map<String, Long> used = new HashMap<>();
                    rows.forEach(row -> used.put((String) row[0], ((Number) row[1]).longValue()));
                    return used;
                });
    }
}
