package br.ft9.common.sql;

import java.util.function.Function;
import java.util.function.Supplier;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;

/**
 * Writes that a unit of work (a batch consumer's transaction) holds back in its Vert.x duplicated context and makes
 * together when the work has succeeded, still in its transaction: one statement for many rows instead of one a row.
 * Outside a duplicated context nothing is held (each write goes as it comes); inside another {@link #around} of the same
 * kind, the outer one writes them.
 *
 * @param <H> what is held (the rows, as their owner keeps them)
 */
public final class HeldWrites<H> {

    private final String key;
    private final Supplier<H> empty;
    private final Function<H, Uni<?>> write;

    /** {@code key} names the context-local; {@code write} makes what was held, in the work's transaction. */
    public HeldWrites(String key, Supplier<H> empty, Function<H, Uni<?>> write) {
        this.key = key;
        this.empty = empty;
        this.write = write;
    }

    /** Runs {@code work} with the writes it makes held, then writes them; nothing is written if the work fails. */
    public <T> Uni<T> around(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            if (!VertxContext.isOnDuplicatedContext() || current() != null) {
                return work.get();
            }
            H held = empty.get();
            ContextLocals.put(key, held);
            return Uni.createFrom().deferred(work::get).eventually(() -> ContextLocals.remove(key))
                    .call(() -> write.apply(held));
        });
    }

    /** What the {@link #around} this runs in holds, or null outside one. */
    public H current() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.<H>get(key).orElse(null) : null;
    }
}
