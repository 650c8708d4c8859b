package br.ft9.flow.infra;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.sql.SessionSql;
import br.ft9.flow.domain.Automation;
import br.ft9.flow.domain.AutomationStore;
import br.ft9.flow.domain.Automations;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Automations' versions, limits and schedules in PostgreSQL, through the Panache session (the caller's transaction). */
@ApplicationScoped
public class SqlAutomationStore implements AutomationStore {

    @Override
    public Uni<Void> keepVersion(Automation automation) {
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into automation_version (automation_id,"
                + " version, definition, created_at) values (:id, :version, :definition, now())")
                .setParameter("id", automation.id).setParameter("version", automation.version)
                .setParameter("definition", automation.definition).executeUpdate()).replaceWithVoid();
    }

    @Override
    public Uni<List<Automations.Version>> versions(UUID automationId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select version, definition, created_at from automation_version where automation_id = :id order by version desc",
                Object[].class).setParameter("id", automationId).getResultList())
                .map(rows -> rows.stream().map(r -> new Automations.Version((Integer) r[0], (String) r[1], SqlTimes.of(r[2]))).toList());
    }

    @Override
    public Uni<ActiveAutomations> activeAutomations(UUID orgId) {
        return SessionSql.row("select (select active_automations_limit from organization_profile where org_id = $1),"
                + " (select count(*) from automation a where a.org_id = $1 and a.status = 'ACTIVE')", orgId)
                .map(row -> new ActiveAutomations(((Number) row[1]).longValue(), row[0] == null ? null : ((Number) row[0]).intValue()));
    }

    @Override
    public Uni<Automations.RunUse> runUse(UUID orgId, String period) {
        return Panache.withSession(() -> SessionSql.row("select (select runs from run_usage where org_id = $1 and period = $2),"
                + " (select runs_per_month_limit from organization_profile where org_id = $1)", orgId, period))
                .map(row -> new Automations.RunUse(period, row[0] == null ? 0 : ((Number) row[0]).longValue(),
                        row[1] == null ? null : ((Number) row[1]).intValue()));
    }

    @Override
    public Uni<List<ScheduledAutomation>> scheduled() {
        return Panache.withSession(() -> SessionSql.rows("select a.id, a.definition, a.version,"
                + " coalesce(p.time_zone, 'America/Sao_Paulo'), sch.next_fire_at from automation a left join organization_profile p"
                + " on p.org_id = a.org_id left join automation_schedule sch on sch.automation_id = a.id"
                + " where a.status = 'ACTIVE' and a.trigger_type = 'scheduled'"))
                .map(rows -> rows.stream().map(r -> new ScheduledAutomation((UUID) r[0], (Integer) r[2], (String) r[1], (String) r[3],
                        SqlTimes.of(r[4]))).toList());
    }

    @Override
    public Uni<Void> schedule(UUID automationId, OffsetDateTime next) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("insert into automation_schedule"
                + " (automation_id, next_fire_at) values (:id, :next) on conflict (automation_id) do update set next_fire_at = :next")
                .setParameter("id", automationId).setParameter("next", next).executeUpdate())).replaceWithVoid();
    }

    @Override
    public Uni<List<MessageAutomation>> messageAutomationsToAnnounce(UUID orgId) {
        // Two statements: a statement's snapshot is taken before its lock wait, so one that locked and read would miss the
        // change whose commit it waited for.
        return Panache.flush().chain(() -> SessionSql.row("select pg_advisory_xact_lock(hashtextextended('flow.claims:' || $1, 0))",
                orgId.toString())).chain(() -> SessionSql.rows("select id, name, version, definition, once_per_contact from automation"
                + " where org_id = $1 and status = 'ACTIVE' and trigger_type = 'message_received' order by created_at, id", orgId))
                .map(rows -> rows.stream().map(r -> new MessageAutomation((UUID) r[0], (String) r[1], (Integer) r[2], (String) r[3],
                        (Boolean) r[4])).toList());
    }

    @Override
    public Uni<Boolean> runsLeft(UUID orgId, String period) {
        return SessionSql.row("select " + runsLeft("$1", "$2"), orgId, period).map(row -> (Boolean) row[0]);
    }

    @Override
    public Uni<Void> claimsAnnounced(UUID orgId, String withdrawnFor) {
        return SessionSql.update("insert into claims_announced (org_id, announced_at, withdrawn_period) values ($1, now(), $2)"
                + " on conflict (org_id) do update set announced_at = excluded.announced_at, withdrawn_period = excluded.withdrawn_period",
                orgId, withdrawnFor).replaceWithVoid();
    }

    @Override
    public Uni<Withdrawal> claimsWithdrawal(UUID orgId, String period, Duration recent) {
        // now() is the transaction's start: a withdrawal written in this transaction is recent too.
        return SessionSql.row("select (select announced_at >= now() - make_interval(secs => $3) from claims_announced"
                + " where org_id = $1 and withdrawn_period = $2)", orgId, period, recent.toMillis() / 1000.0)
                .map(row -> row[0] == null ? Withdrawal.NONE : (Boolean) row[0] ? Withdrawal.RECENT : Withdrawal.EARLIER);
    }

    @Override
    public Uni<Boolean> claimsEverAnnounced(UUID orgId) {
        return SessionSql.row("select exists (select 1 from claims_announced where org_id = $1)", orgId).map(row -> (Boolean) row[0]);
    }

    @Override
    public Uni<List<UUID>> claimsDue(String period) {
        return Panache.withSession(() -> SessionSql.rows("select distinct a.org_id from automation a where a.status = 'ACTIVE'"
                + " and a.trigger_type = 'message_received' and not exists (select 1 from claims_announced c where c.org_id = a.org_id)"
                + " union select c.org_id from claims_announced c where c.withdrawn_period is not null and (c.withdrawn_period <> $1"
                + " or " + runsLeft("c.org_id", "$1") + ")", period))
                .map(rows -> rows.stream().map(r -> (UUID) r[0]).toList());
    }

    /** Whether the organisation has runs left in the month, counted as {@code SqlRunStore} counts them (no limit: unlimited). */
    private static String runsLeft(String orgId, String period) {
        return "coalesce((select u.runs from run_usage u where u.org_id = " + orgId + " and u.period = " + period + "), 0)"
                + " < coalesce((select p.runs_per_month_limit from organization_profile p where p.org_id = " + orgId + "), 2147483647)";
    }
}
