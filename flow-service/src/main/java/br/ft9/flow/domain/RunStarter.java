package br.ft9.flow.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.common.outbox.Outbox;
import br.ft9.flow.domain.definition.AutomationDefinition;
import br.ft9.flow.domain.run.RunEngine;
import br.ft9.flow.domain.run.RunHandOff;
import br.ft9.flow.domain.run.RunStore;
import br.ft9.flow.events.FlowEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Starts runs for a trigger event: each active automation of the organisation with that trigger whose conditions hold
 * gets one run, once per trigger event (a redelivery inserts nothing); when its {@link RepeatRule} declines (once per
 * contact, or within its cooldown for that contact) the start is kept as a SKIPPED run with the reason. A started
 * run is carried forward at once, in the same transaction, as far as its steps touch only our own data
 * ({@link RunEngine#startHere}); one the plan has no runs left for is taken back ({@link AnnouncedClaims#runRefused}).
 * Call inside the transaction that records the event.
 */
@ApplicationScoped
public class RunStarter {

    private static final Logger LOG = Logger.getLogger(RunStarter.class);

    /** Tells whether an automation's trigger (beyond its type) matches this event. */
    @FunctionalInterface
    public interface Match {
        boolean test(AutomationDefinition definition);
    }

    private final CompiledDefinitions definitions;
    private final Outbox outbox;
    private final RunStore store;
    private final RunEngine engine;
    private final ActiveAutomations automations;
    private final AnnouncedClaims claims;
    private final Clock clock;
    private final RunHandOff handOff;

    public RunStarter(CompiledDefinitions definitions, Outbox outbox, RunStore store, RunEngine engine,
            ActiveAutomations automations, AnnouncedClaims claims, Clock clock, RunHandOff handOff) {
        this.handOff = handOff;
        this.automations = automations;
        this.claims = claims;
        this.clock = clock;
        this.definitions = definitions;
        this.outbox = outbox;
        this.store = store;
        this.engine = engine;
    }

    public Uni<Void> start(UUID orgId, String triggerType, String eventId, String waId, ObjectNode facts, Match match) {
        return automations.of(orgId, triggerType)
                .chain(automations -> startAll(orgId, automations, eventId, waId, facts, match));
    }

    /**
     * Runs {@code work}, which starts runs for several events in the caller's transaction, with their writes held and made
     * together at its end ({@link RunStore#together}); fails with {@link br.ft9.flow.domain.run.TogetherRefused} when
     * they cannot all be, so that the caller applies the events one at a time.
     */
    public <T> Uni<T> together(java.util.function.Supplier<Uni<T>> work) {
        return store.together(work);
    }

    /** Starts one automation's run for the event (the webhook trigger names its automation), in the caller's transaction. */
    public Uni<Boolean> startOne(Automation automation, String eventId, String waId, ObjectNode facts) {
        return begin(automation, eventId, waId, facts, null).map(Begun::started);
    }

    /**
     * Starts one automation's run in a transaction of its own and, when the run stops there at a step that calls outside,
     * carries it on at once after the commit ({@link RunHandOff}) rather than leaving it for a worker to claim: a
     * webhook automation's call to the organisation's system costs no notification, claim or poll. With no room to carry
     * it, the run is left READY as {@link #startOne(Automation, String, String, ObjectNode)} leaves it.
     */
    public Uni<Boolean> startAndCarry(Automation automation, String eventId, String waId, ObjectNode facts) {
        String claimant = handOff.reserve().orElse(null);
        if (claimant == null) {
            return Panache.withTransaction(() -> startOne(automation, eventId, waId, facts));
        }
        return Panache.withTransaction(() -> begin(automation, eventId, waId, facts, claimant))
                .onItemOrFailure().invoke((begun, failure) -> {
                    if (failure == null && begun.left() != null) {
                        handOff.carry(begun.left());
                    } else {
                        handOff.release();
                    }
                })
                // A caller gone before the answer: a run committed anyway waits for the look for abandoned runs.
                .onCancellation().invoke(handOff::release)
                .map(Begun::started);
    }

    /**
     * What a start came to: whether it started a run (recorded and counted), and the run its starter is to carry on after
     * the commit (inserted under the starter's claimant and stopped at a step that calls outside), or null.
     */
    private record Begun(boolean started, Run left) {
        static final Begun NOT_STARTED = new Begun(false, null);
        static final Begun STARTED = new Begun(true, null);
    }

    private Uni<Begun> begin(Automation automation, String eventId, String waId, ObjectNode facts, String claimant) {
        AutomationDefinition definition;
        try {
            definition = definitions.of(automation.id, automation.version, automation.definition);
        } catch (IllegalStateException e) {
            definition = null; // left to the workers, which fail it with the reason
        }
        return insert(automation, definition, eventId, waId, facts, definition == null ? null : claimant);
    }

    private Uni<Void> startAll(UUID orgId, List<Automation> automations, String eventId, String waId, ObjectNode factsJson, Match match) {
        Facts facts = Facts.of(factsJson);
        return Multi.createFrom().iterable(automations).onItem().transformToUniAndConcatenate(automation -> {
            AutomationDefinition definition;
            try {
                definition = definitions.of(automation.id, automation.version, automation.definition);
            } catch (IllegalStateException e) {
                LOG.warnf("automation %s has a definition that no longer compiles; skipped", automation.id);
                return Uni.createFrom().item(Begun.NOT_STARTED);
            }
            if (!match.test(definition) || !definition.accepts(facts::get)) {
                return Uni.createFrom().item(Begun.NOT_STARTED);
            }
            return insert(automation, definition, eventId, waId, factsJson, null);
        }).collect().last().replaceWithVoid();
    }

    /**
     * Inserts the run and counts it against the month's runs of the plan, in one statement; over the limit the run is
     * taken back in the same transaction (the counter's row lock makes concurrent starts at the limit take turns), and a
     * warning says so.
     */
    private Uni<Begun> insert(Automation automation, AutomationDefinition definition, String eventId, String waId, ObjectNode facts,
            String claimant) {
        return decide(automation, definition == null ? null : definition.cooldown(), waId).chain(decision -> decision instanceof RepeatRule.Skip skip
                // A declined start is kept (once per trigger event) with its reason, never run, not counted against the plan.
                ? store.insert(newRun(UUID.randomUUID(), automation, eventId, waId, facts.toString(), Run.SKIPPED, skip.reason(), null))
                        .replaceWith(Begun.NOT_STARTED)
                : insertAndCount(automation, definition, eventId, waId, facts, claimant));
    }

    /** Whether the automation starts for this contact, from its last run for them when its repeat rule needs it. */
    private Uni<RepeatRule.Decision> decide(Automation automation, Duration cooldown, String waId) {
        if (waId == null || !RepeatRule.needsHistory(automation.oncePerContact, cooldown)) {
            return Uni.createFrom().item(new RepeatRule.Start());
        }
        // Only the time of the contact's last start is needed, not the run and its facts.
        return store.lastStart(automation.id, waId)
                .map(lastStart -> RepeatRule.decide(automation.oncePerContact, cooldown, lastStart, OffsetDateTime.now(clock)));
    }

    /**
     * {@code claimant}, when not null, inserts the run RUNNING under that name (no notification for the workers), and a
     * run that stops at an outside call is {@link Begun#left} for its starter to carry on after the commit.
     */
    private Uni<Begun> insertAndCount(Automation automation, AutomationDefinition definition, String eventId, String waId,
            ObjectNode facts, String claimant) {
        UUID runId = UUID.randomUUID();
        String factsText = facts.toString(); // written once: for the insert and for the engine
        RunStore.NewRun newRun = newRun(runId, automation, eventId, waId, factsText, claimant == null ? Run.READY : Run.RUNNING,
                null, claimant);
        return store.insertCounted(newRun, Automations.period(clock)).chain(start -> switch (start) {
            case RECORDED_BEFORE -> Uni.createFrom().item(Begun.NOT_STARTED);
            case COUNTED -> {
                if (definition == null) {
                    yield outbox.append(FlowEvents.TOPIC, FlowEvents.RUN_STARTED, automation.orgId,
                            announcement(runId, automation, facts)).replaceWith(Begun.STARTED);
                }
                Run run = started(runId, automation, waId, factsText);
                yield engine.startHere(run, definition, announcement(runId, automation, facts)).map(inline -> {
                    if (inline == RunEngine.Inline.LEFT && claimant != null) {
                        run.status = Run.RUNNING;
                        return new Begun(true, run);
                    }
                    return Begun.STARTED;
                });
            }
            case OVER_PLAN -> {
                LOG.warnf("organisation %s reached its plan's automation runs this month; automation %s not run",
                        automation.orgId, automation.id);
                yield store.forget(runId).chain(() -> claims.runRefused(automation, definition, waId, facts))
                        .replaceWith(Begun.NOT_STARTED);
            }
        });
    }

    /** What tells the platform (the gateway's message journey) that the run started, and for which message. */
    private static FlowEvents.RunStartedV1 announcement(UUID runId, Automation automation, ObjectNode facts) {
        UUID message = Facts.uuid(facts.path("trigger").path("messageId").asText(null));
        return new FlowEvents.RunStartedV1(automation.orgId, automation.id, automation.name, runId, automation.triggerType, message);
    }

    /** The run as just inserted, for the engine to carry forward in this transaction. */
    private static Run started(UUID runId, Automation automation, String waId, String facts) {
        Run run = new Run();
        run.id = runId;
        run.orgId = automation.orgId;
        run.automationId = automation.id;
        run.version = automation.version;
        run.contactWaId = waId;
        run.facts = facts;
        run.status = Run.READY;
        return run;
    }

    /** The run to record for this automation and trigger event. */
    private static RunStore.NewRun newRun(UUID runId, Automation automation, String eventId, String waId, String facts,
            String status, String skipReason, String claimant) {
        return new RunStore.NewRun(runId, automation.orgId, automation.id, automation.version, eventId, waId, facts, status,
                skipReason, claimant);
    }
}
