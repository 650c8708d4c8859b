package br.ft9.tenant.domain;

/** What a plan allows an organisation per month or at once; billing-service's events change them. */
public record PlanLimits(String plan, int messagesPerMonth, int knowledgeItems, int automations, int seats,
        int automationRunsPerMonth) {

    /** The plan of a new organisation's trial and of one whose subscription ended. */
    public static final PlanLimits STARTER = new PlanLimits("STARTER", 1_000, 100, 5, 3, 2_000);

    public PlanLimits {
        if (plan == null || plan.isBlank() || messagesPerMonth < 0 || knowledgeItems < 0 || automations < 0 || seats < 0
                || automationRunsPerMonth < 0) {
            throw new IllegalArgumentException("a plan has a name and limits of zero or more");
        }
    }

    public static PlanLimits of(Organization organization) {
        return new PlanLimits(organization.plan, organization.messagesPerMonth, organization.knowledgeItems,
                organization.automations, organization.seats, organization.automationRunsPerMonth);
    }

    public void applyTo(Organization organization) {
        organization.plan = plan;
        organization.messagesPerMonth = messagesPerMonth;
        organization.knowledgeItems = knowledgeItems;
        organization.automations = automations;
        organization.seats = seats;
        organization.automationRunsPerMonth = automationRunsPerMonth;
    }
}
