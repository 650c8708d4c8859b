package br.ft9.flow.domain;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

/**
 * Read-only copies of what each organisation changes seldom and every inbound message asks for, kept in memory until
 * the database tells of a change ({@link #forget}) and for a time-to-live at most: the safety net for a notification
 * lost while the listening connection reconnects.
 */
public final class KeptCopies<V> {

    private final Cache<UUID, V> copies;
    /** Moves at every forgetting: a load that began before it must not keep what it read. */
    private final AtomicLong changes = new AtomicLong();

    public KeptCopies(Duration timeToLive, long organisations) {
        this.copies = Caffeine.newBuilder().maximumSize(organisations).expireAfterWrite(timeToLive).build();
    }

    /** The organisation's copy, loaded when none is kept (or it expired); {@code load} never answers null. */
    public Uni<V> of(UUID orgId, Supplier<Uni<V>> load) {
        V known = copies.getIfPresent(orgId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        long seen = changes.get();
        return load.get().invoke(loaded -> {
            if (changes.get() == seen) {
                copies.put(orgId, loaded);
            }
        });
    }

    /** Forgets the organisation's copy: what it copies changed. */
    public void forget(UUID orgId) {
        changes.incrementAndGet();
        copies.invalidate(orgId);
    }

    /** Forgets every copy: changes may have been missed. */
    public void forgetAll() {
        changes.incrementAndGet();
        copies.invalidateAll();
    }
}
