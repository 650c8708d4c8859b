package br.ft9.common.vertx;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.vertx.core.Context;

/**
 * Lets work in flight end while a service stops (a relay's run, a group's commit), before the pool closes under it and
 * the transaction fails half-way: its shutdown hook waits for the work's end, at most a bounded time.
 */
public final class Draining {

    private static final Logger LOG = Logger.getLogger(Draining.class);

    /**
     * How long a hook waits by default: a commit or a relay's batch ends well within it, and the hooks of one service
     * together stay inside the Kubernetes grace period (40 s) and Quarkus' shutdown timeout (20 s).
     */
    public static final Duration AT_MOST = Duration.ofSeconds(10);

    private Draining() {
    }

    /** Waits for {@code drained} at most {@link #AT_MOST}; never on an event loop. */
    public static void await(String what, CompletionStage<Void> drained) {
        await(what, drained, AT_MOST);
    }

    /** Waits for {@code drained} at most {@code atMost}; never on an event loop (the work may need it to end). */
    public static void await(String what, CompletionStage<Void> drained, Duration atMost) {
        if (Context.isOnEventLoopThread()) {
            return;
        }
        try {
            drained.toCompletableFuture().get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("%s: still working after %s at shutdown; stopping anyway", what, atMost);
        } catch (ExecutionException e) {
            LOG.warnf("%s: failed while stopping (%s)", what, e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
