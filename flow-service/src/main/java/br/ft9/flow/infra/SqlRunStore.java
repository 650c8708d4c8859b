package br.ft9.flow.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.sql.SessionSql;
import br.ft9.flow.domain.Run;
import br.ft9.flow.domain.run.RunStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs in PostgreSQL: due runs are claimed with {@code for update skip locked}, so with several replicas each due step
 * runs on exactly one; a step's record goes through the Panache session, in the step's transaction.
 */
@ApplicationScoped
public class SqlRunStore implements RunStore {

    private final Pool pool;

    public SqlRunStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<List<StepDone>> steps(UUID runId) {
        return SessionSql.rows("select step, type, path, status, output, error, attempts, started_at, finished_at"
                + " from run_step where run_id = $1 order by step", runId)
                .map(rows -> rows.stream().map(r -> new StepDone((Integer) r[0], (String) r[1], (String) r[2], (String) r[3],
                        (String) r[4], (String) r[5], (Integer) r[6], SqlTimes.of(r[7]), SqlTimes.of(r[8]))).toList());
    }

    @Override
    public Uni<Boolean> insert(NewRun run) {
        String sql = "insert into run (id, org_id, automation_id, version, trigger_event_id, contact_wa_id, facts, status, step,"
                + " attempts, due_at, skip_reason, created_at, updated_at) values (:id, :org, :automation, :version, :event, :wa,"
                + " :facts, :status, 0, 0, now(), :reason, now(), now()) on conflict (automation_id, trigger_event_id) do nothing";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql).setParameter("id", run.id())
                .setParameter("org", run.orgId()).setParameter("automation", run.automationId())
                .setParameter("version", run.version()).setParameter("event", run.triggerEventId()).setParameter("wa", run.contactWaId())
                .setParameter("facts", run.facts()).setParameter("status", run.status()).setParameter("reason", run.skipReason())
                .executeUpdate()).map(n -> n == 1);
    }

    @Override
    public Uni<Boolean> countAgainstPlan(UUID orgId, String period) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into run_usage (org_id, period, runs)"
                + " select :org, :period, 1 where coalesce((select runs_per_month_limit from organization_profile"
                + " where org_id = :org), 2147483647) > 0"
                + " on conflict (org_id, period) do update set runs = run_usage.runs + 1 where run_usage.runs <"
                + " coalesce((select runs_per_month_limit from organization_profile where org_id = :org), 2147483647)")
                .setParameter("org", orgId).setParameter("period", period).executeUpdate()).map(n -> n == 1);
    }

    @Override
    public Uni<Void> forget(UUID runId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from run where id = :id").setParameter("id", runId)
                .executeUpdate()).replaceWithVoid();
    }

    @Override
    public Uni<List<Run>> claimDue(String claimant, int limit) {
        // One statement, so no transaction around it (an idle tick was BEGIN, the claim, COMMIT).
        return pool.preparedQuery("update run set status = 'RUNNING', claimed_by = $1, claimed_at = now(),"
                + " updated_at = now() where id in (select id from run where status = 'READY' and due_at <= now()"
                + " order by due_at limit $2 for update skip locked)"
                + " returning id, org_id, automation_id, version, contact_wa_id, facts, step, attempts")
                .execute(Tuple.of(claimant, limit))
                .map(rows -> {
                    List<Run> runs = new ArrayList<>();
                    for (Row row : rows) {
                        Run run = new Run();
                        run.id = row.getUUID("id");
                        run.orgId = row.getUUID("org_id");
                        run.automationId = row.getUUID("automation_id");
                        run.version = row.getInteger("version");
                        run.contactWaId = row.getString("contact_wa_id");
                        run.facts = row.getString("facts");
                        run.step = row.getInteger("step");
                        run.attempts = row.getInteger("attempts");
                        run.status = Run.RUNNING;
                        runs.add(run);
                    }
                    return runs;
                });
    }

    @Override
    public Uni<Void> recoverAbandoned(String ownReplica) {
        return pool.preparedQuery("update run set status = 'READY', claimed_by = null, updated_at = now() where status = 'RUNNING'"
                + " and (claimed_at < now() - interval '5 minutes' or claimed_by = $1)").execute(Tuple.of(ownReplica))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> failUnexpectedly(UUID runId, int maxAttempts, String error, Duration firstBackoff) {
        return pool.preparedQuery("update run set status = case when attempts + 1 >= $2 then 'FAILED' else 'READY' end,"
                + " attempts = attempts + 1, error = $3, due_at = now() + make_interval(secs => $4 * power(2, attempts)),"
                + " updated_at = now() where id = $1 and status = 'RUNNING'")
                .execute(Tuple.of(runId, maxAttempts, error, firstBackoff.toMillis() / 1000.0))
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    @Override
    public Uni<String> definition(UUID automationId, int version) {
        return SessionSql.row("select definition from automation_version where automation_id = $1 and version = $2",
                automationId, version).map(row -> {
                    if (row == null) {
                        throw new IllegalStateException("automation " + automationId + " has no version " + version);
                    }
                    return (String) row[0];
                });
    }

    @Override
    public Uni<Void> record(StepRecord step) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into run_step (run_id, step, type, path, status, input,"
                + " output, error, attempts, started_at, finished_at) values (:run, :step, :type, :path, :status, :input, :output,"
                + " :error, :attempts, now(), now()) on conflict (run_id, step) do update set status = excluded.status,"
                + " output = excluded.output, error = excluded.error, attempts = excluded.attempts, finished_at = now()")
                .setParameter("run", step.runId()).setParameter("step", step.step()).setParameter("type", step.type())
                .setParameter("path", step.path()).setParameter("status", step.status()).setParameter("input", step.input())
                .setParameter("output", step.output()).setParameter("error", step.error()).setParameter("attempts", step.attempts())
                .executeUpdate()).replaceWithVoid();
    }
}
