package br.ft9.common.vertx;

import java.util.function.Supplier;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs reactive work on a fresh duplicated, safe Vert.x context: its own Hibernate Reactive session, so that several
 * such works go side by side (an outbox relay's run, a group commit, flow-service's run workers).
 */
public final class FreshContext {

    private FreshContext() {
    }

    /** Subscribes to {@code work} on a new safe context; the answer comes from that context. */
    public static <T> Uni<T> run(Vertx vertx, Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> Uni.createFrom().deferred(work::get)
                .subscribe().with(emitter::complete, emitter::fail)));
    }
}
