package br.ft9.flow.infra;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.sql.HeldWrites;
import br.ft9.common.sql.SessionSql;
import br.ft9.flow.domain.Run;
import br.ft9.flow.domain.run.RunStore;
import br.ft9.flow.domain.run.TogetherRefused;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs in PostgreSQL: due runs are claimed with {@code for update skip locked}, so with several replicas each due step
 * runs on exactly one; a step's record and the run's moves go through the Panache session's connection
 * ({@link SessionSql}), in the step's transaction. Inside {@link #together} they are held in the Vert.x context and
 * written at its end by three statements, whatever the number of runs.
 */
@ApplicationScoped
public class SqlRunStore implements RunStore {

    /** The {@link Held} writes of the {@link #together} this runs in. */
    private static final HeldWrites<Held> HELD = new HeldWrites<>(SqlRunStore.class.getName() + ".together", Held::new,
            SqlRunStore::write);

    /** One run, once per automation and trigger event ($10: the claimant of a run its starter carries at once). */
    private static final String INSERT_RUN = "insert into run (id, org_id, automation_id, version, trigger_event_id,"
            + " contact_wa_id, facts, status, step, attempts, due_at, skip_reason, claimed_by, claimed_at, created_at,"
            + " updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0, now(), $9, $10::text,"
            + " case when $10::text is null then null else now() end, now(), now())"
            + " on conflict (automation_id, trigger_event_id) do nothing";

    /** A step's record, its last attempt replacing the earlier ones. */
    private static final String RECORD_STEP = "insert into run_step (run_id, step, type, path, status, input, output, error,"
            + " attempts, started_at, finished_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), now())"
            + " on conflict (run_id, step) do update set status = excluded.status, output = excluded.output,"
            + " error = excluded.error, attempts = excluded.attempts, finished_at = now()";

    private final Pool pool;
    private final Clock clock;

    public SqlRunStore(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** A run inserted inside {@link #together}, as it stands after what was done to it there. */
    private static final class HeldRun {
        final NewRun run;
        final OffsetDateTime heldAt;
        String status;
        int step;
        int attempts;
        String facts;
        String error;
        OffsetDateTime dueAt; // null: now(), as an insert outside together
        OffsetDateTime updatedAt;

        HeldRun(NewRun run, OffsetDateTime heldAt) {
            this.run = run;
            this.heldAt = heldAt;
            this.status = run.status();
            this.facts = run.facts();
        }
    }

    /** An organisation's runs of a period, as counted against its plan. */
    private record Usage(UUID orgId, String period) implements Comparable<Usage> {
        @Override
        public int compareTo(Usage other) {
            int byOrg = orgId.compareTo(other.orgId);
            return byOrg != 0 ? byOrg : period.compareTo(other.period);
        }
    }

    /** A step of a run, whose record's last attempt replaces the earlier ones. */
    private record StepOf(UUID runId, int step) {
    }

    /** The writes held by one {@link #together}: runs and step records in their order, runs counted per organisation. */
    private record Held(Map<UUID, HeldRun> runs, Map<StepOf, StepRecord> steps, Map<Usage, Integer> counted,
            List<Runnable> whenWritten) {
        Held() {
            // counted sorted: rows locked in one order
            this(new LinkedHashMap<>(), new LinkedHashMap<>(), new TreeMap<>(), new ArrayList<>());
        }
    }

    @Override
    public <T> Uni<T> together(Supplier<Uni<T>> work) {
        return HELD.around(work);
    }

    /** The held run of this id, or null (not inside together, or a run written before). */
    private static HeldRun heldRun(UUID runId) {
        Held held = HELD.current();
        return held == null ? null : held.runs().get(runId);
    }

    /** Runs first (the steps' records refer to them), then the records, then the counts; refused as a whole. */
    private static Uni<Void> write(Held held) {
        return insertRuns(held.runs().values()).chain(() -> insertSteps(held.steps().values()))
                .chain(() -> count(held.counted())).invoke(() -> held.whenWritten().forEach(Runnable::run));
    }

    @Override
    public void whenWritten(Runnable action) {
        Held held = HELD.current();
        if (held != null) {
            held.whenWritten().add(action);
        } else {
            action.run();
        }
    }

    private static Uni<Void> insertRuns(java.util.Collection<HeldRun> runs) {
        if (runs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return SessionSql.update("insert into run (id, org_id, automation_id, version, trigger_event_id, contact_wa_id, facts,"
                + " status, step, attempts, due_at, skip_reason, error, created_at, updated_at) select r.id, r.org_id,"
                + " r.automation_id, r.version, r.trigger_event_id, r.contact_wa_id, r.facts, r.status, r.step, r.attempts,"
                + " coalesce(r.due_at, now()), r.skip_reason, r.error, now(), coalesce(r.updated_at, now())"
                + " from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[],"
                + " $9::int[], $10::int[], $11::timestamptz[], $12::text[], $13::text[], $14::timestamptz[]) as r(id, org_id,"
                + " automation_id, version, trigger_event_id, contact_wa_id, facts, status, step, attempts, due_at, skip_reason,"
                + " error, updated_at) on conflict (automation_id, trigger_event_id) do nothing",
                runs.stream().map(r -> r.run.id()).toArray(UUID[]::new),
                runs.stream().map(r -> r.run.orgId()).toArray(UUID[]::new),
                runs.stream().map(r -> r.run.automationId()).toArray(UUID[]::new),
                runs.stream().map(r -> r.run.version()).toArray(Integer[]::new),
                runs.stream().map(r -> r.run.triggerEventId()).toArray(String[]::new),
                runs.stream().map(r -> r.run.contactWaId()).toArray(String[]::new),
                runs.stream().map(r -> r.facts).toArray(String[]::new),
                runs.stream().map(r -> r.status).toArray(String[]::new),
                runs.stream().map(r -> r.step).toArray(Integer[]::new),
                runs.stream().map(r -> r.attempts).toArray(Integer[]::new),
                runs.stream().map(r -> r.dueAt).toArray(OffsetDateTime[]::new),
                runs.stream().map(r -> r.run.skipReason()).toArray(String[]::new),
                runs.stream().map(r -> r.error).toArray(String[]::new),
                runs.stream().map(r -> r.updatedAt).toArray(OffsetDateTime[]::new))
                .invoke(inserted -> {
                    if (inserted != runs.size()) {
                        throw new TogetherRefused((runs.size() - inserted) + " of the runs were recorded before");
                    }
                }).replaceWithVoid();
    }

    private static Uni<Void> insertSteps(java.util.Collection<StepRecord> steps) {
        if (steps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return SessionSql.update("insert into run_step (run_id, step, type, path, status, input, output, error, attempts,"
                + " started_at, finished_at) select s.*, now(), now() from unnest($1::uuid[], $2::int[], $3::text[], $4::text[],"
                + " $5::text[], $6::text[], $7::text[], $8::text[], $9::int[]) as s on conflict (run_id, step)"
                + " do update set status = excluded.status, output = excluded.output, error = excluded.error,"
                + " attempts = excluded.attempts, finished_at = now()",
                steps.stream().map(StepRecord::runId).toArray(UUID[]::new),
                steps.stream().map(StepRecord::step).toArray(Integer[]::new),
                steps.stream().map(StepRecord::type).toArray(String[]::new),
                steps.stream().map(StepRecord::path).toArray(String[]::new),
                steps.stream().map(StepRecord::status).toArray(String[]::new),
                steps.stream().map(StepRecord::input).toArray(String[]::new),
                steps.stream().map(StepRecord::output).toArray(String[]::new),
                steps.stream().map(StepRecord::error).toArray(String[]::new),
                steps.stream().map(StepRecord::attempts).toArray(Integer[]::new)).replaceWithVoid();
    }

    /**
     * Each organisation's runs of the batch counted at once, all or none: a plan without room for them all refuses the
     * batch (its events are then applied one at a time, each run counted alone, up to the limit).
     */
    private static Uni<Void> count(Map<Usage, Integer> counted) {
        if (counted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Usage> keys = new ArrayList<>(counted.keySet());
        return SessionSql.update("insert into run_usage (org_id, period, runs) select c.org_id, c.period, c.runs"
                + " from unnest($1::uuid[], $2::text[], $3::int[]) as c(org_id, period, runs)"
                + " where coalesce((select runs_per_month_limit from organization_profile p where p.org_id = c.org_id),"
                + " 2147483647) >= c.runs on conflict (org_id, period) do update set runs = run_usage.runs + excluded.runs"
                + " where run_usage.runs::bigint + excluded.runs <= coalesce((select runs_per_month_limit"
                + " from organization_profile p where p.org_id = run_usage.org_id), 2147483647)",
                keys.stream().map(Usage::orgId).toArray(UUID[]::new),
                keys.stream().map(Usage::period).toArray(String[]::new),
                keys.stream().map(counted::get).toArray(Integer[]::new))
                .invoke(n -> {
                    if (n != keys.size()) {
                        throw new TogetherRefused("a plan has no room for all of the runs");
                    }
                }).replaceWithVoid();
    }

    @Override
    public Uni<OffsetDateTime> lastStart(UUID automationId, String waId) {
        return Uni.createFrom().deferred(() -> {
            Held held = HELD.current();
            if (held != null) {
                OffsetDateTime last = null;
                for (HeldRun run : held.runs().values()) {
                    if (run.run.automationId().equals(automationId) && waId.equals(run.run.contactWaId())
                            && !Run.SKIPPED.equals(run.run.status())) {
                        last = run.heldAt; // in holding order: the last is the latest
                    }
                }
                if (last != null) {
                    return Uni.createFrom().item(last);
                }
            }
            return SessionSql.row("select created_at from run where automation_id = $1 and contact_wa_id = $2 and status <> $3"
                    + " order by created_at desc limit 1", automationId, waId, Run.SKIPPED)
                    .map(row -> row == null ? null : SqlTimes.of(row[0]));
        });
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
        return Uni.createFrom().deferred(() -> {
            Held held = HELD.current();
            if (held != null) {
                if (run.claimedBy() != null) {
                    throw new IllegalStateException("a run carried at once is not started inside together");
                }
                // Once per automation and trigger event within the batch too; against earlier batches, checked at its end.
                boolean again = held.runs().values().stream()
                        .anyMatch(other -> other.run.automationId().equals(run.automationId())
                                && other.run.triggerEventId().equals(run.triggerEventId()));
                if (!again) {
                    held.runs().put(run.id(), new HeldRun(run, OffsetDateTime.now(clock)));
                }
                return Uni.createFrom().item(!again);
            }
            return SessionSql.update(INSERT_RUN, run.id(), run.orgId(), run.automationId(),
                    run.version(), run.triggerEventId(), run.contactWaId(), run.facts(), run.status(), run.skipReason(),
                    run.claimedBy()).map(n -> n == 1);
        });
    }

    @Override
    public Uni<Counted> insertCounted(NewRun run, String period) {
        return Uni.createFrom().deferred(() -> {
            Held held = HELD.current();
            if (held != null) {
                return insert(run).map(inserted -> {
                    if (!inserted) {
                        return Counted.RECORDED_BEFORE;
                    }
                    held.counted().merge(new Usage(run.orgId(), period), 1, Integer::sum);
                    return Counted.COUNTED; // the batch's end says whether the plan had room for all
                });
            }
            // One round trip: the run, and its count only when it is new (a redelivered event counts nothing).
            return SessionSql.row("with started as (" + INSERT_RUN + " returning org_id),"
                    + " counted as (insert into run_usage (org_id, period, runs) select org_id, $11, 1 from started"
                    + " where coalesce((select runs_per_month_limit from organization_profile where org_id = $2), 2147483647) > 0"
                    + " on conflict (org_id, period) do update set runs = run_usage.runs + 1 where run_usage.runs <"
                    + " coalesce((select runs_per_month_limit from organization_profile where org_id = $2), 2147483647)"
                    + " returning 1)"
                    + " select (select count(*) from started)::int, (select count(*) from counted)::int",
                    run.id(), run.orgId(), run.automationId(), run.version(), run.triggerEventId(), run.contactWaId(),
                    run.facts(), run.status(), run.skipReason(), run.claimedBy(), period)
                    .map(row -> (Integer) row[0] == 0 ? Counted.RECORDED_BEFORE
                            : (Integer) row[1] == 1 ? Counted.COUNTED : Counted.OVER_PLAN);
        });
    }

    @Override
    public Uni<Void> forget(UUID runId) {
        return Uni.createFrom().deferred(() -> {
            Held held = HELD.current();
            if (held != null && held.runs().remove(runId) != null) {
                return Uni.createFrom().voidItem();
            }
            return SessionSql.update("delete from run where id = $1", runId).replaceWithVoid();
        });
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
        return Uni.createFrom().deferred(() -> {
            Held held = HELD.current();
            if (held != null) {
                held.steps().put(new StepOf(step.runId(), step.step()), step); // the last attempt replaces the earlier ones
                return Uni.createFrom().voidItem();
            }
            return SessionSql.update(RECORD_STEP, recordParameters(step)).replaceWithVoid();
        });
    }

    /** {@link #RECORD_STEP}'s parameters, $1 to $9. */
    private static Object[] recordParameters(StepRecord step) {
        return new Object[] {step.runId(), step.step(), step.type(), step.path(), step.status(), step.input(), step.output(),
                step.error(), step.attempts()};
    }

    /**
     * A move as the columns it sets: null leaves a column as it is, except the error, which every move sets (a step that
     * went on clears the last attempt's error).
     */
    private record Change(String status, Integer step, Integer attempts, String facts, String error, OffsetDateTime dueAt) {

        static Change of(Move move) {
            if (move instanceof Move.Advanced advanced) {
                return new Change(null, advanced.step(), 0, advanced.facts(), null, null);
            }
            if (move instanceof Move.Succeeded succeeded) {
                return new Change(Run.SUCCEEDED, succeeded.step(), 0, succeeded.facts(), null, null);
            }
            if (move instanceof Move.Waits waits) {
                return new Change(Run.READY, waits.step(), 0, waits.facts(), null, waits.dueAt());
            }
            if (move instanceof Move.Retries retries) {
                return new Change(Run.READY, null, retries.attempts(), null, retries.error(), retries.dueAt());
            }
            return new Change(Run.FAILED, null, null, null, ((Move.Failed) move).error(), null);
        }

        void applyTo(HeldRun held, OffsetDateTime at) {
            if (status != null) {
                held.status = status;
            }
            if (step != null) {
                held.step = step;
            }
            if (attempts != null) {
                held.attempts = attempts;
            }
            if (facts != null) {
                held.facts = facts;
            }
            if (dueAt != null) {
                held.dueAt = dueAt;
            }
            held.error = error;
            held.updatedAt = at;
        }
    }

    /** Every move of a run, as {@link Change} says ($1 to $8). */
    private static final String MOVE = "update run set status = coalesce($1, status), step = coalesce($2, step),"
            + " attempts = coalesce($3, attempts), facts = coalesce($4, facts), error = $5, due_at = coalesce($6, due_at),"
            + " updated_at = $7 where id = $8";

    /** A step's record ($1 to $9) and the run's move after it ($10 to $17), in one round trip. */
    private static final String RECORD_AND_MOVE = "with recorded as (" + RECORD_STEP + ") " + shifted(MOVE, 9);

    /** The statement with its parameters numbered {@code by} further on, to follow another's in one statement. */
    private static String shifted(String sql, int by) {
        return java.util.regex.Pattern.compile("\\$(\\d+)").matcher(sql)
                .replaceAll(found -> java.util.regex.Matcher.quoteReplacement("$" + (Integer.parseInt(found.group(1)) + by)));
    }

    @Override
    public Uni<Void> moved(UUID runId, Move move, OffsetDateTime at, StepRecord record) {
        return Uni.createFrom().deferred(() -> {
            Change change = Change.of(move);
            HeldRun held = heldRun(runId);
            if (held != null) {
                change.applyTo(held, at);
                return record == null ? Uni.createFrom().voidItem() : record(record);
            }
            Object[] moveParameters = {change.status(), change.step(), change.attempts(), change.facts(), change.error(),
                    change.dueAt(), at, runId};
            if (record == null) {
                return SessionSql.update(MOVE, moveParameters).replaceWithVoid();
            }
            Object[] recordParameters = recordParameters(record);
            Object[] both = java.util.Arrays.copyOf(recordParameters, recordParameters.length + moveParameters.length);
            System.arraycopy(moveParameters, 0, both, recordParameters.length, moveParameters.length);
            return SessionSql.update(RECORD_AND_MOVE, both).replaceWithVoid();
        });
    }
}
