package br.ft9.common.copies;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

/**
 * Read-only copies of what changes seldom and every inbound message asks for (an organisation's automations, which
 * organisation a number belongs to), kept in memory until the database tells of a change ({@link #forget}) and for a
 * time-to-live at most: the safety net for a notification lost while the listening connection reconnects.
 */
public final class KeptCopies<K, V> {

    private final Cache<K, V> copies;
    /** Moves at every forgetting: a load that began before it must not keep what it read. */
    private final AtomicLong changes = new AtomicLong();

    public KeptCopies(Duration timeToLive, long entries) {
        this.copies = Caffeine.newBuilder().maximumSize(entries).expireAfterWrite(timeToLive).build();
    }

    /** The key's copy, loaded when none is kept (or it expired); {@code load} never answers null. */
    public Uni<V> of(K key, Supplier<Uni<V>> load) {
        V known = copies.getIfPresent(key);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        long seen = changes.get();
        return load.get().invoke(loaded -> {
            if (changes.get() == seen) {
                copies.put(key, loaded);
            }
        });
    }

    /** Forgets the key's copy: what it copies changed. */
    public void forget(K key) {
        changes.incrementAndGet();
        copies.invalidate(key);
    }

    /** Forgets every copy: changes may have been missed. */
    public void forgetAll() {
        changes.incrementAndGet();
        copies.invalidateAll();
    }
}
