package br.ft9.billing.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An organisation's billing row: its Stripe customer and subscription, and the plan whose limits apply. */
@Entity
@Table(name = "billing_account")
public class BillingAccount extends PanacheEntityBase {

    @Id
    @Column(name = "org_id")
    public UUID orgId;

    @Column(name = "stripe_customer_id")
    public String stripeCustomerId;

    @Column(name = "stripe_subscription_id")
    public String stripeSubscriptionId;

    @Column(nullable = false)
    public String plan = Plan.STARTER.name();

    @Column(nullable = false)
    public String status = SubscriptionStatus.NONE.name();

    @Column(name = "current_period_end")
    public OffsetDateTime currentPeriodEnd;

    @Column(name = "cancel_at_period_end", nullable = false)
    public boolean cancelAtPeriodEnd;

    @Column(name = "pending_plan")
    public String pendingPlan;

    @Column(name = "pending_from")
    public OffsetDateTime pendingFrom;

    @Column(name = "stripe_as_of")
    public OffsetDateTime stripeAsOf;

    @Column(name = "past_due_since")
    public OffsetDateTime pastDueSince;

    @Column(name = "overdue_announced", nullable = false)
    public boolean overdueAnnounced;

    @Column(name = "billing_email")
    public String billingEmail;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static BillingAccount open(UUID orgId) {
        BillingAccount account = new BillingAccount();
        account.orgId = orgId;
        account.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return account;
    }

    public BillingState state() {
        return new BillingState(Plan.named(plan).orElse(Plan.STARTER), SubscriptionStatus.valueOf(status), stripeSubscriptionId,
                instant(currentPeriodEnd), cancelAtPeriodEnd, Plan.named(pendingPlan).orElse(null), instant(pendingFrom),
                instant(stripeAsOf));
    }

    public void take(BillingState state) {
        SubscriptionStatus before = SubscriptionStatus.valueOf(status);
        plan = state.plan().name();
        status = state.status().name();
        stripeSubscriptionId = state.subscriptionId();
        currentPeriodEnd = time(state.currentPeriodEnd());
        cancelAtPeriodEnd = state.cancelAtPeriodEnd();
        pendingPlan = state.pendingPlan() == null ? null : state.pendingPlan().name();
        pendingFrom = time(state.pendingFrom());
        stripeAsOf = time(state.stripeAsOf());
        if (state.status() == SubscriptionStatus.PAST_DUE && before != SubscriptionStatus.PAST_DUE) {
            pastDueSince = OffsetDateTime.now(ZoneOffset.UTC);
        } else if (state.status() != SubscriptionStatus.PAST_DUE) {
            pastDueSince = null;
        }
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
