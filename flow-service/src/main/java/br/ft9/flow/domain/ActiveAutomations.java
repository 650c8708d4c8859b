package br.ft9.flow.domain;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.copies.KeptCopies;
import io.smallrye.mutiny.Uni;

/**
 * Each organisation's active automations, kept in memory ({@link KeptCopies}): every inbound message asks for them
 * (twice, for its {@code contact_created} and {@code message_received} triggers) and they change seldom. Forgotten at
 * the database's notification of any change to the organisation's automations, from any replica. Nothing persists them.
 */
@ApplicationScoped
public class ActiveAutomations {

    private final KeptCopies<UUID, List<Automation>> copies;

    public ActiveAutomations(FlowSettings settings) {
        this.copies = new KeptCopies<>(settings.organizationCacheTtl(), settings.organizationCacheSize());
    }

    /** The organisation's active automations of the trigger type. */
    public Uni<List<Automation>> of(UUID orgId, String triggerType) {
        return copies.of(orgId, () -> Automation.<Automation>list("orgId = ?1 and status = ?2", orgId, Automation.ACTIVE)
                .map(List::copyOf))
                .map(automations -> automations.stream().filter(a -> triggerType.equals(a.triggerType)).toList());
    }

    /** Forgets the organisation's copy: one of its automations changed. */
    public void forget(UUID orgId) {
        copies.forget(orgId);
    }

    /** Forgets every copy: changes may have been missed (the listening connection was down). */
    public void forgetAll() {
        copies.forgetAll();
    }
}
