package br.ft9.flow.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.api.PageResponse;
import br.ft9.common.errors.Conflict;
import br.ft9.common.errors.NotFound;
import br.ft9.flow.domain.run.RunStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** An automation's runs as the team sees and handles them: listed, read with their steps, a failed one retried, one replayed. */
@ApplicationScoped
public class RunHistory {

    /** A run with what each of its steps did. */
    public record RunWithSteps(Run run, List<RunStore.StepDone> steps) {
    }

    private final Automations automations;
    private final RunStore store;
    private final Clock clock;

    public RunHistory(Automations automations, RunStore store, Clock clock) {
        this.automations = automations;
        this.store = store;
        this.clock = clock;
    }

    /** The automation's runs, newest first. */
    public Uni<PageResponse<Run>> runs(UUID orgId, UUID automationId, int page, int size) {
        return automations.get(orgId, automationId).chain(a -> Panache.withSession(() -> PageResponse.of(
                Run.<Run>find("orgId = ?1 and automationId = ?2 order by createdAt desc, id", orgId, automationId), page, size)));
    }

    public Uni<RunWithSteps> run(UUID orgId, UUID automationId, UUID runId) {
        return Panache.withSession(() -> existing(orgId, automationId, runId)
                .chain(run -> store.steps(runId).map(steps -> new RunWithSteps(run, steps))));
    }

    /** A failed run is due again from its failed step; 409 for any other run. */
    public Uni<Run> retry(UUID orgId, UUID automationId, UUID runId) {
        return Panache.withTransaction(() -> existing(orgId, automationId, runId).chain(run -> {
            if (!Run.FAILED.equals(run.status)) {
                throw new Conflict("status", "only a failed run can be retried; this one is " + run.status);
            }
            run.status = Run.READY;
            run.attempts = 0;
            run.error = null;
            run.dueAt = OffsetDateTime.now(clock);
            run.updatedAt = run.dueAt;
            return run.<Run>persist();
        }));
    }

    /** A new run of the automation's current version with the original run's trigger data, from the first step. */
    public Uni<Run> replay(UUID orgId, UUID automationId, UUID runId) {
        return Panache.withTransaction(() -> automations.get(orgId, automationId).chain(automation -> existing(orgId, automationId, runId)
                .chain(original -> {
                    Run replay = new Run();
                    replay.id = UUID.randomUUID();
                    replay.orgId = orgId;
                    replay.automationId = automationId;
                    replay.version = automation.version;
                    replay.triggerEventId = "replay:" + runId + ":" + replay.id;
                    replay.contactWaId = original.contactWaId;
                    replay.facts = original.facts;
                    replay.status = Run.READY;
                    replay.dueAt = OffsetDateTime.now(clock);
                    replay.createdAt = replay.dueAt;
                    replay.updatedAt = replay.dueAt;
                    return replay.<Run>persist();
                })));
    }

    private static Uni<Run> existing(UUID orgId, UUID automationId, UUID runId) {
        return Run.<Run>find("id = ?1 and orgId = ?2 and automationId = ?3", runId, orgId, automationId).firstResult().map(run -> {
            if (run == null) {
                throw new NotFound("no run " + runId);
            }
            return run;
        });
    }
}
