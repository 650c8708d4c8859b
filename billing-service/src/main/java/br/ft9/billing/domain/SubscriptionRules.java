package br.ft9.billing.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * How Stripe's view of a subscription changes ours, whatever order the webhooks arrive in: a snapshot older than the
 * one last applied changes nothing; a paid-for downgrade keeps the higher plan until the period it was paid for ends;
 * and the event to tell the platform follows from the plan whose limits apply before and after.
 */
public final class SubscriptionRules {

    /** What to tell the other services after a change. */
    public enum Announcement {
        ACTIVATED, CHANGED, CANCELED, NONE
    }

    /** The new state and what to announce. */
    public record Outcome(BillingState state, Announcement announcement) {
    }

    private SubscriptionRules() {
    }

    /**
     * Applies a snapshot of the subscription; {@code planOfPrice} names the plan of a Stripe price id (empty for a price
     * that is none of ours, which keeps the plan).
     */
    public static Outcome apply(BillingState current, SubscriptionSnapshot snapshot, Function<String, Optional<Plan>> planOfPrice,
            Instant now) {
        if (current.stripeAsOf() != null && snapshot.asOf().isBefore(current.stripeAsOf())) {
            return new Outcome(current, Announcement.NONE);
        }
        SubscriptionStatus status = SubscriptionStatus.ofStripe(snapshot.status());
        Plan billed = planOfPrice.apply(snapshot.priceId()).orElse(current.plan());
        Plan plan = billed;
        Plan pending = current.pendingPlan();
        Instant pendingFrom = current.pendingFrom();
        if (pending != null && billed == pending && pendingFrom != null && now.isBefore(pendingFrom)) {
            plan = current.plan(); // downgraded, but the higher plan is paid for until the period ends
        } else if (pending != null && (billed != pending || pendingFrom == null || !now.isBefore(pendingFrom))) {
            pending = null;
            pendingFrom = null;
        }
        BillingState next = new BillingState(plan, status, snapshot.subscriptionId(), snapshot.currentPeriodEnd(),
                snapshot.cancelAtPeriodEnd(), pending, pendingFrom, snapshot.asOf());
        return new Outcome(next, announcement(current, next));
    }

    /**
     * A downgrade asked for now: billed from the next period, the current plan's limits until this one ends
     * ({@code periodEnd}, as Stripe holds it; the state's own when Stripe gave none).
     */
    public static BillingState downgradeAtPeriodEnd(BillingState current, Plan lower, Instant periodEnd) {
        Instant end = periodEnd != null ? periodEnd : current.currentPeriodEnd();
        return new BillingState(current.plan(), current.status(), current.subscriptionId(), end, current.cancelAtPeriodEnd(),
                lower, end, current.stripeAsOf());
    }

    /** A waiting downgrade whose period has ended takes effect (when no webhook has said so first). */
    public static Outcome duePendingPlan(BillingState current, Instant now) {
        if (current.pendingPlan() == null || current.pendingFrom() == null || now.isBefore(current.pendingFrom())) {
            return new Outcome(current, Announcement.NONE);
        }
        BillingState next = new BillingState(current.pendingPlan(), current.status(), current.subscriptionId(),
                current.currentPeriodEnd(), current.cancelAtPeriodEnd(), null, null, current.stripeAsOf());
        return new Outcome(next, announcement(current, next));
    }

    /** A plan set by platform staff without Stripe (local or demo): no charges, active at once. */
    public static Outcome setWithoutCharges(BillingState current, Plan plan) {
        BillingState next = new BillingState(plan, SubscriptionStatus.ACTIVE, null, null, false, null, null, current.stripeAsOf());
        return new Outcome(next, announcement(current, next));
    }

    /** Ended at once (staff without Stripe). */
    public static Outcome canceledNow(BillingState current) {
        BillingState next = new BillingState(current.plan(), SubscriptionStatus.CANCELED, current.subscriptionId(),
                current.currentPeriodEnd(), false, null, null, current.stripeAsOf());
        return new Outcome(next, announcement(current, next));
    }

    static Announcement announcement(BillingState before, BillingState after) {
        boolean was = before.status().entitles();
        boolean is = after.status().entitles();
        if (!was && is) {
            return Announcement.ACTIVATED;
        }
        if (was && !is) {
            return Announcement.CANCELED;
        }
        if (was && before.effectivePlan() != after.effectivePlan()) {
            return Announcement.CHANGED;
        }
        return Announcement.NONE;
    }

    /** Which way a change of plan goes for an organisation that pays already. */
    public enum Direction {
        UPGRADE_NOW, DOWNGRADE_AT_PERIOD_END, SAME
    }

    public static Direction direction(Plan from, Plan to) {
        return to == from ? Direction.SAME : to.isAbove(from) ? Direction.UPGRADE_NOW : Direction.DOWNGRADE_AT_PERIOD_END;
    }
}
