package br.ft9.flow.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.copies.KeptCopies;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Each organisation's active automations, kept in memory ({@link KeptCopies}): every inbound message asks for them
 * (twice, for its {@code contact_created} and {@code message_received} triggers) and they change seldom. Forgotten at
 * the database's notification of any change to the organisation's automations, from any replica. Nothing persists them.
 * Webhook automations are kept by id too, since every call to an automation's URL names it and not its organisation.
 */
@ApplicationScoped
public class ActiveAutomations {

    private final KeptCopies<UUID, List<Automation>> copies;
    /** By automation id: the active webhook automation, or none for an id that names no such automation. */
    private final KeptCopies<UUID, Optional<Automation>> webhooks;

    public ActiveAutomations(FlowSettings settings) {
        this.copies = new KeptCopies<>(settings.organizationCacheTtl(), settings.organizationCacheSize());
        this.webhooks = new KeptCopies<>(settings.organizationCacheTtl(), settings.organizationCacheSize());
    }

    /** The organisation's active automations of the trigger type. */
    public Uni<List<Automation>> of(UUID orgId, String triggerType) {
        return copies.of(orgId, () -> Automation.<Automation>list("orgId = ?1 and status = ?2", orgId, Automation.ACTIVE)
                .map(List::copyOf))
                .map(automations -> automations.stream().filter(a -> triggerType.equals(a.triggerType)).toList());
    }

    /**
     * The active webhook automation of that id, if there is one: read in a session of its own when no copy is kept, so
     * that a call refused (unknown id, wrong signature) opens no transaction.
     */
    public Uni<Optional<Automation>> webhook(UUID automationId) {
        return webhooks.of(automationId, () -> Panache.withSession(() -> Automation.<Automation>findById(automationId))
                .map(automation -> Optional.ofNullable(automation)
                        .filter(a -> Automation.ACTIVE.equals(a.status) && "webhook".equals(a.triggerType))));
    }

    /**
     * Forgets the organisation's copy: one of its automations changed. The webhook automations kept by id are all
     * forgotten, the notification names only the organisation, and changes are seldom.
     */
    public void forget(UUID orgId) {
        copies.forget(orgId);
        webhooks.forgetAll();
    }

    /** Forgets every copy: changes may have been missed (the listening connection was down). */
    public void forgetAll() {
        copies.forgetAll();
        webhooks.forgetAll();
    }
}
