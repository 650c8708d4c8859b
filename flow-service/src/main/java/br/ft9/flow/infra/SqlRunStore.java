package br.ft9.flow.infra;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.sql.SessionSql;
import br.ft9.flow.domain.Run;
import br.ft9.flow.domain.run.RunStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs in PostgreSQL: due runs are claimed with {@code for update skip locked}, so with several replicas each due step
 * runs on exactly one; a step's record and the run's moves go through the Panache session's connection
 * ({@link SessionSql}), in the step's transaction.
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
        return SessionSql.update("insert into run (id, org_id, automation_id, version, trigger_event_id, contact_wa_id, facts,"
                + " status, step, attempts, due_at, skip_reason, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0,"
                + " now(), $9, now(), now()) on conflict (automation_id, trigger_event_id) do nothing", run.id(), run.orgId(),
                run.automationId(), run.version(), run.triggerEventId(), run.contactWaId(), run.facts(), run.status(), run.skipReason())
                .map(n -> n == 1);
    }

    @Override
    public Uni<Boolean> countAgainstPlan(UUID orgId, String period) {
        return SessionSql.update("insert into run_usage (org_id, period, runs)"
                + " select $1, $2, 1 where coalesce((select runs_per_month_limit from organization_profile"
                + " where org_id = $1), 2147483647) > 0"
                + " on conflict (org_id, period) do update set runs = run_usage.runs + 1 where run_usage.runs <"
                + " coalesce((select runs_per_month_limit from organization_profile where org_id = $1), 2147483647)", orgId, period)
                .map(n -> n == 1);
    }

    @Override
    public Uni<Void> forget(UUID runId) {
        return SessionSql.update("delete from run where id = $1", runId).replaceWithVoid();
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
        return SessionSql.update("insert into run_step (run_id, step, type, path, status, input, output, error, attempts,"
                + " started_at, finished_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), now()) on conflict (run_id, step)"
                + " do update set status = excluded.status, output = excluded.output, error = excluded.error,"
                + " attempts = excluded.attempts, finished_at = now()", step.runId(), step.step(), step.type(), step.path(),
                step.status(), step.input(), step.output(), step.error(), step.attempts()).replaceWithVoid();
    }

    @Override
    public Uni<Void> advanced(UUID runId, int step, String facts, OffsetDateTime at) {
        return SessionSql.update("update run set step = $1, attempts = 0, facts = $2, error = null, updated_at = $3 where id = $4",
                step, facts, at, runId).replaceWithVoid();
    }

    @Override
    public Uni<Void> succeeded(UUID runId, int step, String facts, OffsetDateTime at) {
        return SessionSql.update("update run set status = 'SUCCEEDED', step = $1, attempts = 0, facts = $2, error = null,"
                + " updated_at = $3 where id = $4", step, facts, at, runId).replaceWithVoid();
    }

    @Override
    public Uni<Void> waits(UUID runId, int step, String facts, OffsetDateTime dueAt, OffsetDateTime at) {
        return SessionSql.update("update run set status = 'READY', step = $1, due_at = $2, error = null, attempts = 0, facts = $3,"
                + " updated_at = $4 where id = $5", step, dueAt, facts, at, runId).replaceWithVoid();
    }

    @Override
    public Uni<Void> retries(UUID runId, int attempts, String error, OffsetDateTime dueAt, OffsetDateTime at) {
        return SessionSql.update("update run set status = 'READY', attempts = $1, due_at = $2, error = $3, updated_at = $4"
                + " where id = $5", attempts, dueAt, error, at, runId).replaceWithVoid();
    }

    @Override
    public Uni<Void> failed(UUID runId, String error, OffsetDateTime at) {
        return SessionSql.update("update run set status = 'FAILED', error = $1, updated_at = $2 where id = $3", error, at, runId)
                .replaceWithVoid();
    }
}
