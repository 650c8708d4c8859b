package br.ft9.billing.domain;

import java.time.Instant;

/**
 * An organisation's billing as this service keeps it: its plan (the one whose limits apply), the subscription's
 * status, period end and cancellation, a downgrade waiting for the period's end, and the moment of Stripe's state
 * last applied.
 */
public record BillingState(Plan plan, SubscriptionStatus status, String subscriptionId, Instant currentPeriodEnd,
        boolean cancelAtPeriodEnd, Plan pendingPlan, Instant pendingFrom, Instant stripeAsOf) {

    public static BillingState none() {
        return new BillingState(Plan.STARTER, SubscriptionStatus.NONE, null, null, false, null, null, null);
    }

    /** The limits that apply now: the plan's while the subscription entitles, Starter's otherwise. */
    public Plan effectivePlan() {
        return status.entitles() ? plan : Plan.STARTER;
    }
}
