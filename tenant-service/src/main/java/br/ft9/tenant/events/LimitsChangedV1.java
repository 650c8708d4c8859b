package br.ft9.tenant.events;

import java.util.UUID;

import br.ft9.tenant.domain.Organization;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Data of {@code ft9.tenant.limits.changed.v1}: what the organisation's plan now allows. */
@RegisterForReflection
public record LimitsChangedV1(UUID orgId, String plan, int messagesPerMonth, int knowledgeItems, int automations,
        int seats, int automationRunsPerMonth) {

    public static LimitsChangedV1 of(Organization o) {
        return new LimitsChangedV1(o.id, o.plan, o.messagesPerMonth, o.knowledgeItems, o.automations, o.seats, o.automationRunsPerMonth);
    }
}
