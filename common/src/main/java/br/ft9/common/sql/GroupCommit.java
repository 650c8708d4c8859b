package br.ft9.common.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.jboss.logging.Logger;

import br.ft9.common.errors.Unavailable;
import br.ft9.common.vertx.FreshContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Commits many callers' work in one transaction (a group commit): while the limit of transactions is in flight, what
 * arrives waits and goes together in the next one. A lone caller waits for nothing; a burst shares one transaction, one
 * commit and its WAL flush instead of paying each. A group that fails is done again one item at a time, so a bad item
 * fails alone. Each group runs on a fresh safe Vert.x context (its own database session); each caller is answered on
 * its own context, after the commit.
 *
 * @param <T> what a caller hands in
 * @param <R> what it is answered, once its group committed
 */
public final class GroupCommit<T, R> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** A caller waiting for its group's commit. */
    private record Waiting<T, R>(T item, Context context, UniEmitter<? super R> emitter) {

        void succeed(R result) {
            answer(() -> emitter.complete(result));
        }

        void fail(Throwable failure) {
            answer(() -> emitter.fail(failure));
        }

        /** On the caller's own context, or at once when it called from none. */
        private void answer(Runnable answer) {
            if (context == null) {
                answer.run();
            } else {
                context.runOnContext(ignored -> answer.run());
            }
        }
    }

    private final Vertx vertx;
    private final String name;
    private final int largest;
    private final int inFlightLimit;
    private final Function<List<T>, Uni<List<R>>> inOneTransaction;
    private final ArrayDeque<Waiting<T, R>> waiting = new ArrayDeque<>();
    private int inFlight;
    private boolean stopped;
    /** Completed once stopped with nothing waiting or committing. */
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    /**
     * @param largest the most items in one group
     * @param inFlightLimit how many groups may be committing at once
     * @param inOneTransaction does the items' work in one transaction, answering one result per item, in their order
     */
    public GroupCommit(Vertx vertx, String name, int largest, int inFlightLimit, Function<List<T>, Uni<List<R>>> inOneTransaction) {
        if (largest < 1 || inFlightLimit < 1) {
            throw new IllegalArgumentException("a group holds at least one item and at least one group runs");
        }
        this.vertx = vertx;
        this.name = name;
        this.largest = largest;
        this.inFlightLimit = inFlightLimit;
        this.inOneTransaction = inOneTransaction;
    }

    /**
     * Does the item's work in the next group; answers its result once that group committed. Once stopped, answers
     * {@link Unavailable} at once (the caller's sender tries again later, on another replica or after the restart).
     */
    public Uni<R> submit(T item) {
        return Uni.createFrom().emitter(emitter -> {
            List<Waiting<T, R>> group;
            synchronized (this) {
                if (stopped) {
                    emitter.fail(new Unavailable(name + ": the service is stopping", null));
                    return;
                }
                waiting.add(new Waiting<>(item, Vertx.currentContext(), emitter));
                group = nextGroup();
            }
            if (group != null) {
                run(group);
            }
        });
    }

    /** The next group to run, taking a place among those in flight; null when none is free or nothing waits. */
    private List<Waiting<T, R>> nextGroup() {
        if (waiting.isEmpty() || inFlight >= inFlightLimit) {
            return null;
        }
        inFlight++;
        List<Waiting<T, R>> group = new ArrayList<>(Math.min(largest, waiting.size()));
        while (!waiting.isEmpty() && group.size() < largest) {
            group.add(waiting.poll());
        }
        return group;
    }

    private void run(List<Waiting<T, R>> group) {
        List<T> items = group.stream().map(Waiting::item).toList();
        FreshContext.run(vertx, () -> inOneTransaction.apply(items)).subscribe().with(results -> {
            if (results.size() != group.size()) {
                IllegalStateException wrong = new IllegalStateException(name + ": " + results.size() + " results for "
                        + group.size() + " items");
                group.forEach(one -> one.fail(wrong));
            } else {
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).succeed(results.get(i));
                }
            }
            finished();
        }, failure -> {
            if (group.size() == 1) {
                group.get(0).fail(failure);
                finished();
                return;
            }
            // The class only: a database error's text can quote the values of a key (a phone number).
            LOG.warnf("%s: a group of %d failed (%s); each is committed alone", name, group.size(), failure.getClass().getSimpleName());
            oneByOne(group, 0);
        });
    }

    /** After a failed group: each item in a transaction of its own, in order; then the place is given back. */
    private void oneByOne(List<Waiting<T, R>> group, int next) {
        if (next == group.size()) {
            finished();
            return;
        }
        Waiting<T, R> one = group.get(next);
        FreshContext.run(vertx, () -> inOneTransaction.apply(List.of(one.item()))).subscribe().with(results -> {
            one.succeed(results.get(0));
            oneByOne(group, next + 1);
        }, failure -> {
            one.fail(failure);
            oneByOne(group, next + 1);
        });
    }

    /**
     * Takes no item after this; answers once every item taken has been committed (or failed), so that a service stopping
     * answers the callers it holds before its pool closes.
     */
    public CompletionStage<Void> stop() {
        synchronized (this) {
            stopped = true;
            if (inFlight == 0) {
                drained.complete(null); // nothing waits without a group in flight
            }
        }
        return drained;
    }

    /** A group committed (or failed): its place goes to what waits. */
    private void finished() {
        List<Waiting<T, R>> group;
        synchronized (this) {
            inFlight--;
            group = nextGroup();
            if (group == null && stopped && inFlight == 0) {
                drained.complete(null);
            }
        }
        if (group != null) {
            run(group);
        }
    }
}
