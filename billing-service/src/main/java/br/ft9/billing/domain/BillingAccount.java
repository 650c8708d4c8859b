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
    public UUID orgId;

    public String stripeCustomerId;

    public String stripeSubscriptionId;

    @Column(nullable = false)
    public String plan = Plan.STARTER.name();

    @Column(nullable = false)
    public String status = SubscriptionStatus.NONE.name();

    public OffsetDateTime currentPeriodEnd;

    @Column(nullable = false)
    public boolean cancelAtPeriodEnd;

    public String pendingPlan;

    public OffsetDateTime pendingFrom;

    public OffsetDateTime stripeAsOf;

    public OffsetDateTime pastDueSince;

    @Column(nullable = false)
    public boolean overdueAnnounced;

    public String billingEmail;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;

    public static BillingAccount open(UUID orgId, OffsetDateTime at) {
        BillingAccount account = new BillingAccount();
        account.orgId = orgId;
        account.updatedAt = at;
        return account;
    }

    public BillingState state() {
        return new BillingState(Plan.named(plan).orElse(Plan.STARTER), SubscriptionStatus.valueOf(status), stripeSubscriptionId,
                instant(currentPeriodEnd), cancelAtPeriodEnd, Plan.named(pendingPlan).orElse(null), instant(pendingFrom),
                instant(stripeAsOf));
    }

    /** Takes the state decided at {@code at}: past due from then when it just became so. */
    public void take(BillingState state, OffsetDateTime at) {
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
            pastDueSince = at;
        } else if (state.status() != SubscriptionStatus.PAST_DUE) {
            pastDueSince = null;
        }
        updatedAt = at;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
