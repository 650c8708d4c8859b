package br.ft9.flow.domain.run;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.flow.domain.FlowSettings;
import br.ft9.common.outbox.Outbox;
import br.ft9.flow.domain.CompiledDefinitions;
import br.ft9.flow.domain.Facts;
import br.ft9.flow.domain.Run;
import br.ft9.flow.domain.StepRefused;
import br.ft9.flow.domain.definition.AutomationDefinition;
import br.ft9.flow.domain.definition.Instruction;
import br.ft9.flow.domain.definition.Step;
import br.ft9.flow.events.FlowEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Carries a claimed run forward until it waits (a delay, a retry), succeeds or fails: jumps are followed, each step is
 * performed by its {@link StepExecutor} and committed with what it did, so a crash resumes at the step after the last
 * one committed. A failing step is tried again with a growing wait, then the run fails and {@code ft9.flow.run.failed.v1}
 * is published.
 */
@ApplicationScoped
public class RunEngine {

    public static final int MAX_ATTEMPTS = 3;

    /** Where the run is after a step's outcome was committed. */
    private enum Next {
        GO_ON, WAIT, FAILED, DONE
    }

    private final RunStore store;
    private final StepExecutors executors;
    private final CompiledDefinitions definitions;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration firstBackoff;
    private final MeterRegistry meters;

    public RunEngine(RunStore store, StepExecutors executors, CompiledDefinitions definitions, Outbox outbox, ObjectMapper json,
            Clock clock, FlowSettings settings, MeterRegistry meters) {
        this.store = store;
        this.executors = executors;
        this.definitions = definitions;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.firstBackoff = settings.retryBackoff();
        this.meters = meters;
    }

    /** Carries a claimed run forward (as the claim read it). */
    public Uni<Void> execute(Run run) {
        AutomationDefinition cached = definitions.cached(run.automationId, run.version);
        return (cached != null ? Uni.createFrom().item(cached) : Panache.withSession(() -> definition(run)))
                .chain(definition -> advance(run, definition));
    }

    /** How far a run got in the transaction that started it. */
    public enum Inline {
        /** Every step was done there: the run succeeded, announced by one {@code run.succeeded} naming what started it. */
        SUCCEEDED,
        /** A step failed for good there: the run failed (announced as started, then failed). */
        FAILED,
        /** A step calls outside or waits: the run is READY at that step for the workers (announced as started). */
        LEFT
    }

    /**
     * Carries a run just inserted READY forward inside the caller's transaction (the one that starts it) while its steps
     * change only our own data and nothing waits: a keyword's reply costs no claim, no poll and no further transaction.
     * The rest is left READY at the first step that calls outside or waits, for the workers. {@code started} is the
     * run's announcement, appended when it names a message (for that message's journey) unless the run succeeds here
     * (then its one {@code run.succeeded} carries it).
     */
    public Uni<Inline> startHere(Run run, AutomationDefinition definition, FlowEvents.RunStartedV1 started) {
        return startHere(run, definition, started, null);
    }

    /** {@code pending}: the record of the step last done here, written with the run's next move (null: none done). */
    private Uni<Inline> startHere(Run run, AutomationDefinition definition, FlowEvents.RunStartedV1 started,
            RunStore.StepRecord pending) {
        List<Instruction> program = definition.program();
        run.step = settle(run, definition);
        if (run.step >= program.size()) {
            return succeed(run, started, pending).replaceWith(Inline.SUCCEEDED);
        }
        Instruction.Perform perform = (Instruction.Perform) program.get(run.step);
        StepExecutor<Step> executor = executors.of(perform.step());
        // run.started is for the journey of the message that started the run: without one, nobody reads it.
        Uni<Void> announced = started.messageId() == null ? Uni.createFrom().voidItem()
                : outbox.append(FlowEvents.TOPIC, FlowEvents.RUN_STARTED, run.orgId, started).replaceWithVoid();
        // Where the run stands after the steps done here (with the last one's record), before the workers or the step's
        // outcome take it over.
        Uni<Void> kept = store.moved(run.id, new RunStore.Move.Advanced(run.step, run.facts), now(), pending);
        if (!executor.inTransaction()) {
            // Left as inserted when no step was done here: the workers decide its jumps again.
            return announced.chain(() -> pending != null ? kept : Uni.createFrom().voidItem()).replaceWith(Inline.LEFT);
        }
        StepContext context = new StepContext(run.id, run.orgId, run.step, run.contactWaId, facts(run));
        return Uni.createFrom().deferred(() -> executor.perform(perform.step(), context))
                .onFailure(StepRefused.class).recoverWithItem(e -> new StepOutcome.Failed(e.getMessage()))
                .chain(outcome -> {
                    if (outcome instanceof StepOutcome.Done || outcome instanceof StepOutcome.Skipped) {
                        if (outcome instanceof StepOutcome.Done done) {
                            learn(run, done.learnt());
                        }
                        JsonNode output = outcome instanceof StepOutcome.Done done ? done.output() : ((StepOutcome.Skipped) outcome).output();
                        RunStore.StepRecord thisStep = stepRecord(run, perform, outcome instanceof StepOutcome.Done ? "SUCCEEDED" : "SKIPPED",
                                output, null);
                        // The step before this one is written now; this one's record goes with the run's next move.
                        return (pending == null ? Uni.createFrom().voidItem() : store.record(pending)).chain(() -> {
                            run.step++;
                            return startHere(run, definition, started, thisStep);
                        });
                    }
                    return announced.chain(() -> kept).chain(() -> conclude(run, definition, perform, outcome)).map(next -> {
                        if (next == Next.FAILED) {
                            counted("failed");
                            return Inline.FAILED;
                        }
                        return Inline.LEFT;
                    });
                });
    }

    /** A run that broke for a reason nobody foresaw: tried again like a failed call, failed after the last attempt. */
    public Uni<Void> unexpected(UUID runId, Throwable failure) {
        return store.failUnexpectedly(runId, MAX_ATTEMPTS, "unexpected error: " + failure.getClass().getSimpleName(), firstBackoff);
    }

    private Uni<AutomationDefinition> definition(Run run) {
        AutomationDefinition cached = definitions.cached(run.automationId, run.version);
        return cached != null ? Uni.createFrom().item(cached)
                : store.definition(run.automationId, run.version).map(text -> definitions.of(run.automationId, run.version, text));
    }

    private Uni<Void> advance(Run run, AutomationDefinition definition) {
        run.step = settle(run, definition);
        if (run.step >= definition.program().size()) {
            return Panache.withTransaction(() -> succeed(run, null, null)).replaceWithVoid(); // a program of jumps only
        }
        return perform(run, definition, (Instruction.Perform) definition.program().get(run.step));
    }

    /**
     * Follows the jumps from the run's step to the next step to perform (or the program's end), in memory: a jump
     * decides from facts alone, so it is written with the next step's record; a crash before that decides it again.
     */
    private int settle(Run run, AutomationDefinition definition) {
        List<Instruction> program = definition.program();
        int step = run.step;
        for (int followed = 0; step < program.size() && followed <= program.size(); followed++) {
            Instruction instruction = program.get(step);
            if (instruction instanceof Instruction.Jump jump) {
                step = jump.target();
            } else if (instruction instanceof Instruction.JumpUnless jump) {
                step = jump.condition().holds(facts(run)::get) ? step + 1 : jump.target();
            } else {
                return step;
            }
        }
        return step;
    }

    private Uni<Void> perform(Run run, AutomationDefinition definition, Instruction.Perform instruction) {
        StepExecutor<Step> executor = executors.of(instruction.step());
        StepContext context = new StepContext(run.id, run.orgId, run.step, run.contactWaId, facts(run));
        Uni<StepOutcome> attempt = Uni.createFrom().deferred(() -> executor.perform(instruction.step(), context))
                .onFailure(StepRefused.class).recoverWithItem(e -> new StepOutcome.Failed(e.getMessage()));
        Uni<Next> next = executor.inTransaction()
                ? Panache.withTransaction(() -> attempt.chain(outcome -> conclude(run, definition, instruction, outcome)))
                : attempt.chain(outcome -> Panache.withTransaction(() -> conclude(run, definition, instruction, outcome)));
        return next.chain(n -> switch (n) {
            case GO_ON -> advance(run, definition);
            case FAILED -> {
                counted("failed");
                yield Uni.createFrom().voidItem();
            }
            case WAIT, DONE -> Uni.createFrom().voidItem();
        });
    }

    /** Records the step's outcome and moves the run, in the step's transaction. */
    private Uni<Next> conclude(Run run, AutomationDefinition definition, Instruction.Perform instruction, StepOutcome outcome) {
        if (outcome instanceof StepOutcome.Done done) {
            learn(run, done.learnt());
            return progress(run, definition, stepRecord(run, instruction, "SUCCEEDED", done.output(), null));
        }
        if (outcome instanceof StepOutcome.Skipped skipped) {
            return progress(run, definition, stepRecord(run, instruction, "SKIPPED", skipped.output(), null));
        }
        if (outcome instanceof StepOutcome.Waits waits) {
            return store.moved(run.id, new RunStore.Move.Waits(run.step + 1, run.facts, now().plus(waits.duration())), now(),
                    stepRecord(run, instruction, "SUCCEEDED", waits.output(), null)).replaceWith(Next.WAIT);
        }
        if (outcome instanceof StepOutcome.RetryLater retry) {
            return retryLater(run, instruction, retry.error());
        }
        return fail(run, instruction, ((StepOutcome.Failed) outcome).error());
    }

    /**
     * The run succeeded: written with its last step, in the caller's transaction. {@code started}: what started it, for
     * a run done whole where it started (its one event says it); null when {@code run.started} went out before.
     * {@code last}: the record of the step that ended it, written with it, or null when written before.
     */
    private Uni<Void> succeed(Run run, FlowEvents.RunStartedV1 started, RunStore.StepRecord last) {
        return store.moved(run.id, new RunStore.Move.Succeeded(run.step, run.facts), now(), last)
                .chain(() -> outbox.append(FlowEvents.TOPIC, FlowEvents.RUN_SUCCEEDED, run.orgId, started == null
                        ? new FlowEvents.RunSucceededV1(run.orgId, run.automationId, run.id, null, null, null)
                        : new FlowEvents.RunSucceededV1(run.orgId, run.automationId, run.id, started.automationName(),
                                started.trigger(), started.messageId())))
                .invoke(() -> counted("succeeded"))
                .replaceWithVoid();
    }

    /** Counts a finished run in the metrics once its writes are made (see {@link RunStore#whenWritten}). */
    private void counted(String outcome) {
        store.whenWritten(() -> meters.counter("ft9.flow.runs", "outcome", outcome).increment());
    }

    /** Tries the step again after a growing wait, or fails the run after the last attempt. */
    private Uni<Next> retryLater(Run run, Instruction.Perform instruction, String error) {
        int attempts = run.attempts + 1; // the attempt that just failed, as its step's record counts it
        if (attempts >= MAX_ATTEMPTS) {
            return fail(run, instruction, error + " (after " + attempts + " attempts)");
        }
        RunStore.StepRecord failed = stepRecord(run, instruction, "FAILED", null, error);
        run.attempts = attempts;
        OffsetDateTime due = now().plus(firstBackoff.multipliedBy(1L << (attempts - 1)));
        return store.moved(run.id, new RunStore.Move.Retries(attempts, error, due), now(), failed).replaceWith(Next.WAIT);
    }

    private Uni<Next> fail(Run run, Instruction.Perform instruction, String error) {
        return store.moved(run.id, new RunStore.Move.Failed(error), now(), stepRecord(run, instruction, "FAILED", null, error))
                .chain(() -> outbox.append(FlowEvents.TOPIC, FlowEvents.RUN_FAILED, run.orgId,
                        new FlowEvents.RunFailedV1(run.orgId, run.automationId, run.id, run.step, instruction.step().kind().wire(), error)))
                .replaceWith(Next.FAILED);
    }

    /**
     * The step is done ({@code done}, its record): the run moves to the next one with what it learnt, or, when that was
     * the last, succeeds in the same write as the record, in the same transaction.
     */
    private Uni<Next> progress(Run run, AutomationDefinition definition, RunStore.StepRecord done) {
        run.step++;
        run.attempts = 0;
        int following = settle(run, definition);
        if (following >= definition.program().size()) {
            run.step = following;
            return succeed(run, null, done).replaceWith(Next.DONE);
        }
        return store.moved(run.id, new RunStore.Move.Advanced(run.step, run.facts), now(), done).replaceWith(Next.GO_ON);
    }

    /** The record of the run's current step, its current attempt. */
    private static RunStore.StepRecord stepRecord(Run run, Instruction.Perform instruction, String status, JsonNode output,
            String error) {
        return new RunStore.StepRecord(run.id, run.step, instruction.step().kind().wire(), instruction.path(), status,
                instruction.input().toString(), output == null ? null : output.toString(), error, run.attempts + 1);
    }

    private Facts facts(Run run) {
        try {
            return Facts.of(json.readTree(run.facts));
        } catch (Exception e) {
            throw new IllegalStateException("run " + run.id + " has unreadable facts", e);
        }
    }

    /** Puts facts by dotted name ({@code contact.fields.plan}, {@code ai.answer}) into the run's facts, read and written once. */
    private void learn(Run run, Map<String, String> learnt) {
        if (learnt.isEmpty()) {
            return;
        }
        try {
            ObjectNode root = (ObjectNode) json.readTree(run.facts);
            learnt.forEach((name, value) -> {
                ObjectNode at = root;
                String[] path = name.split("\\.");
                for (int i = 0; i < path.length - 1; i++) {
                    at = at.get(path[i]) instanceof ObjectNode inner ? inner : at.putObject(path[i]);
                }
                at.put(path[path.length - 1], value);
            });
            run.facts = root.toString();
        } catch (Exception e) {
            throw new IllegalStateException("run " + run.id + " has unreadable facts", e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
