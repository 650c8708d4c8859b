package br.ft9.tenant.api;

import java.time.OffsetDateTime;

import br.ft9.tenant.domain.Organization;

/**
 * An organisation's plan, its limits and its current use. A use that no service reports yet
 * (messages, knowledge items, automations: issues 5 to 7) is null, never a made-up zero.
 */
public record LimitsResponse(String plan, OffsetDateTime trialEndsAt, Limits limits, Use use) {

    public record Limits(int messagesPerMonth, int knowledgeItems, int automations, int seats, int automationRunsPerMonth) {
    }

    public record Use(Long messagesThisMonth, Long knowledgeItems, Long automations, long seats) {
    }

    static LimitsResponse of(Organization o, long seatsInUse) {
        return new LimitsResponse(o.plan, o.trialEndsAt,
                new Limits(o.messagesPerMonth, o.knowledgeItems, o.automations, o.seats, o.automationRunsPerMonth),
                new Use(null, null, null, seatsInUse));
    }
}
