package br.ft9.common.scheduling;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import br.ft9.common.vertx.FreshContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Runs a reactive job every interval under a second, which Quarkus' simple scheduler cannot do (it checks its jobs once
 * a second, so a 250 ms job ran once a second and every outbox hop cost up to a second): one run at a time, each on a
 * fresh safe Vert.x context (as Hibernate Reactive needs), none after {@link #stop()}.
 */
public final class FastPoll {

    private static final Logger LOG = Logger.getLogger(FastPoll.class);

    private final Vertx vertx;
    private final String name;
    private final Supplier<Uni<Void>> job;
    /** A run is going (guarded by this). */
    private boolean running;
    /** A nudge came while a run was going: run again as soon as it ends (its query may have missed what was nudged). */
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    /** Completed once stopped with no run in flight. */
    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private final long timer;

    private FastPoll(Vertx vertx, String name, Duration initialDelay, Duration interval, Supplier<Uni<Void>> job) {
        this.vertx = vertx;
        this.name = name;
        this.job = job;
        this.timer = vertx.setPeriodic(Math.max(1, initialDelay.toMillis()), Math.max(1, interval.toMillis()), id -> run());
    }

    /** Starts running {@code job} every {@code interval}, the first time after {@code initialDelay}. */
    public static FastPoll every(Vertx vertx, String name, Duration initialDelay, Duration interval, Supplier<Uni<Void>> job) {
        return new FastPoll(vertx, name, initialDelay, interval, job);
    }

    /**
     * Runs the job now instead of at the next tick (the outbox relay, told that events were committed); a nudge while a
     * run is going makes it run once more right after. The interval's ticks go on as the safety net.
     */
    public void nudge() {
        if (stopped) {
            return;
        }
        again.set(true);
        run();
    }

    private void run() {
        synchronized (this) {
            if (stopped || running) {
                return; // the previous run is still going: skip this tick rather than pile up (a nudge is kept in `again`)
            }
            running = true;
        }
        again.set(false);
        FreshContext.run(vertx, job).subscribe().with(done -> finished(), failure -> {
            LOG.warnf("%s failed, will run again: %s", name, failure.getMessage());
            finished();
        });
    }

    private void finished() {
        synchronized (this) {
            running = false;
            if (stopped) {
                idle.complete(null);
                return;
            }
        }
        if (again.get()) {
            run();
        }
    }

    /**
     * No run starts after this; answers once the run in flight (if any) has ended, so that a service stopping can let it
     * finish before its pool closes under it.
     */
    public CompletionStage<Void> stop() {
        stopped = true;
        vertx.cancelTimer(timer);
        synchronized (this) {
            if (!running) {
                idle.complete(null);
            }
        }
        return idle;
    }
}
