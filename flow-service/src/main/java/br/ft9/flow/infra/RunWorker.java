package br.ft9.flow.infra;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import br.ft9.common.scheduling.DatabaseListening;
import br.ft9.common.scheduling.FastPoll;
import br.ft9.common.vertx.Draining;
import br.ft9.common.vertx.FreshContext;
import br.ft9.flow.domain.FlowSettings;
import br.ft9.flow.domain.run.RunEngine;
import br.ft9.flow.domain.run.RunHandOff;
import br.ft9.flow.domain.run.RunStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Carries due runs forward: at once when the database tells that a run became ready ({@code ft9_runs}), else every
 * second ({@code ft9.flow.poll-interval}, the safety net and the look for runs that came due), each worker on its own
 * context with its own database sessions claiming a batch for the engine; a full batch wakes the other workers and is
 * followed by the next at once. Abandoned runs are made READY again every two seconds at most. Also carries the runs
 * handed to it by the transaction that started them ({@link RunHandOff}), as many at a time as its workers claim.
 */
@ApplicationScoped
public class RunWorker implements RunHandOff {

    private static final Logger LOG = Logger.getLogger(RunWorker.class);

    private final RunEngine engine;
    private final RunStore store;
    private final Vertx vertx;
    private final String replica;
    private final int batch;
    private final int workers;
    static final String READY_CHANNEL = "ft9_runs";
    /** How often abandoned runs are looked for at most. */
    private static final long RECOVER_EVERY_NANOS = Duration.ofSeconds(2).toNanos();
    private FastPoll poll;
    private long lastRecovery = System.nanoTime() - RECOVER_EVERY_NANOS;
    private final DatabaseListening database;

    private final FlowSettings settings;
    /** Runs handed over and not yet carried; at most {@link #carryAtMost}, none taken once the replica stops. */
    private final AtomicInteger carrying = new AtomicInteger();
    private final int carryAtMost;
    private volatile boolean stopping;

    public RunWorker(RunEngine engine, RunStore store, Vertx vertx, FlowSettings settings, DatabaseListening database) {
        this.database = database;
        this.engine = engine;
        this.store = store;
        this.vertx = vertx;
        this.settings = settings;
        this.batch = settings.claimBatch();
        this.workers = settings.workers();
        this.replica = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.carryAtMost = workers * batch;
    }

    void start(@Observes StartupEvent started) {
        poll = FastPoll.every(vertx.getDelegate(), "run engine", settings.initialDelay(), settings.pollInterval(), this::tick);
        database.listen(vertx, "run engine", "it polls", subscriber -> subscriber.channel(READY_CHANNEL).handler(ignored -> poll.nudge()));
    }

    void stop(@Observes ShutdownEvent stopped) {
        stopping = true;
        if (poll != null) {
            Draining.await("run engine", poll.stop());
        }
        Draining.await("runs handed over at their start", handedOverDone());
    }

    /** Completes when no handed-over run is being carried (the runs still RUNNING then go back after five minutes). */
    private CompletionStage<Void> handedOverDone() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.getDelegate().setPeriodic(0, 20, id -> {
            if (carrying.get() == 0) {
                vertx.getDelegate().cancelTimer(id);
                done.complete(null);
            }
        });
        return done;
    }

    /**
     * The claimant of handed-over runs: this replica's name with a suffix, so that {@link RunStore#recoverAbandoned}
     * for this replica's own left-behind runs does not take back a run being carried outside a tick.
     */
    String handOffClaimant() {
        return replica + "/at-start";
    }

    @Override
    public Optional<String> reserve() {
        if (stopping) {
            return Optional.empty();
        }
        int now;
        do {
            now = carrying.get();
            if (now >= carryAtMost) {
                return Optional.empty();
            }
        } while (!carrying.compareAndSet(now, now + 1));
        return Optional.of(handOffClaimant());
    }

    @Override
    public void carry(br.ft9.flow.domain.Run run) {
        FreshContext.run(vertx.getDelegate(), () -> carryForward(run)).subscribe().with(ignored -> release(), e -> {
            LOG.warnf("run %s: even its failure could not be recorded (%s); it goes back to the workers after five minutes",
                    run.id, e.getMessage());
            release();
        });
    }

    @Override
    public void release() {
        carrying.decrementAndGet();
    }

    /** The engine carries a claimed or handed-over run; one that breaks unexpectedly is tried again later. */
    private Uni<Void> carryForward(br.ft9.flow.domain.Run run) {
        return engine.execute(run).onFailure().recoverWithUni(e -> {
            LOG.errorf(e, "run %s could not be carried forward; it will be tried again", run.id);
            return engine.unexpected(run.id, e);
        });
    }

    /** This replica's name on the runs it claims. */
    String replica() {
        return replica;
    }

    Uni<Void> tick() {
        // One tick at a time (FastPoll): none of this replica's drains is in flight here, so a run it still holds RUNNING
        // was left by a drain that failed with the database, and goes back within a few ticks rather than after five
        // minutes. Not on every tick (nudges make many): idle, that look was half of what flow-service asked PostgreSQL.
        boolean recover = System.nanoTime() - lastRecovery >= RECOVER_EVERY_NANOS;
        if (recover) {
            lastRecovery = System.nanoTime();
        }
        Uni<Void> recovered = recover ? store.recoverAbandoned(replica) : Uni.createFrom().voidItem();
        return recovered.chain(() -> FreshContext.run(vertx.getDelegate(), () -> drain(true)))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("run engine tick failed, will retry: %s", e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * Claims a batch and carries its runs forward, then the next batch while they come full. The tick's first worker
     * claims alone, and wakes the others only when its batch came full: an idle replica asks the database once a tick,
     * not once per worker (skip locked gives each worker its own runs).
     */
    private Uni<Void> drain(boolean first) {
        return store.claimDue(replica, batch).chain(runs -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (br.ft9.flow.domain.Run run : runs) {
                chain = chain.chain(() -> carryForward(run));
            }
            boolean full = runs.size() == batch;
            Uni<Void> own = full ? chain.chain(() -> drain(false)) : chain;
            if (!first || !full) {
                return own;
            }
            List<Uni<Void>> drains = new ArrayList<>();
            drains.add(own);
            for (int i = 1; i < workers; i++) {
                drains.add(FreshContext.run(vertx.getDelegate(), () -> drain(false)));
            }
            return Uni.join().all(drains).andCollectFailures().replaceWithVoid();
        });
    }
}
