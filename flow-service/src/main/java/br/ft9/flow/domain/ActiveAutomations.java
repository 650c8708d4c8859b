package br.ft9.flow.domain;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

/**
 * Each organisation's active automations, kept in memory: every inbound message asks for them (twice, for its
 * {@code contact_created} and {@code message_received} triggers) and they change seldom. A change is forgotten at once
 * ({@link #forget}, told by the database's notification of any change to the organisation's automations, from any
 * replica) and every copy after {@code ft9.flow.automation-cache-ttl} regardless: the safety net for a notification
 * lost while the listening connection reconnects. The copies are read-only: nothing persists them.
 */
@ApplicationScoped
public class ActiveAutomations {

    private final Cache<UUID, List<Automation>> copies;
    /** Moves at every forgetting: a load that began before it must not store what it read. */
    private final AtomicLong changes = new AtomicLong();

    public ActiveAutomations(FlowSettings settings) {
        this.copies = Caffeine.newBuilder().maximumSize(settings.automationCacheSize())
                .expireAfterWrite(settings.automationCacheTtl()).build();
    }

    /** The organisation's active automations of the trigger type. */
    public Uni<List<Automation>> of(UUID orgId, String triggerType) {
        List<Automation> known = copies.getIfPresent(orgId);
        Uni<List<Automation>> all = known != null ? Uni.createFrom().item(known) : load(orgId);
        return all.map(automations -> automations.stream().filter(a -> triggerType.equals(a.triggerType)).toList());
    }

    private Uni<List<Automation>> load(UUID orgId) {
        long seen = changes.get();
        return Automation.<Automation>list("orgId = ?1 and status = ?2", orgId, Automation.ACTIVE).map(List::copyOf)
                .invoke(automations -> {
                    if (changes.get() == seen) {
                        copies.put(orgId, automations);
                    }
                });
    }

    /** Forgets the organisation's copy: one of its automations changed. */
    public void forget(UUID orgId) {
        changes.incrementAndGet();
        copies.invalidate(orgId);
    }

    /** Forgets every copy: changes may have been missed (the listening connection was down). */
    public void forgetAll() {
        changes.incrementAndGet();
        copies.invalidateAll();
    }
}
