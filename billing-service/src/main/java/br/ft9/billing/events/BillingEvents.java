package br.ft9.billing.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import br.ft9.billing.domain.Plan;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The topic and the events billing-service publishes (through its outbox), with their data. */
public final class BillingEvents {

    public static final String TOPIC = "ft9.billing.events";
    public static final String SUBSCRIPTION_ACTIVATED = "ft9.billing.subscription.activated.v1";
    public static final String SUBSCRIPTION_CHANGED = "ft9.billing.subscription.changed.v1";
    public static final String SUBSCRIPTION_CANCELED = "ft9.billing.subscription.canceled.v1";
    public static final String PAYMENT_SUCCEEDED = "ft9.billing.payment.succeeded.v1";
    public static final String PAYMENT_FAILED = "ft9.billing.payment.failed.v1";
    public static final String QUOTA_EXCEEDED = "ft9.billing.quota.exceeded.v1";
    public static final String ACCOUNT_OVERDUE = "ft9.billing.account.overdue.v1";
    public static final String ACCOUNT_SETTLED = "ft9.billing.account.settled.v1";

    private BillingEvents() {
    }

    /** A subscription's plan, status and the limits that now apply (Starter's once canceled). */
    @RegisterForReflection
    public record SubscriptionV1(UUID orgId, String plan, String status, Plan.Limits limits, OffsetDateTime currentPeriodEnd,
            boolean cancelAtPeriodEnd) {
    }

    /** An invoice paid or whose payment failed; {@code amount} in the currency's units ("199.00"). */
    @RegisterForReflection
    public record PaymentV1(UUID orgId, String invoiceId, String amount, String currency, String email) {
    }

    /** Past due beyond the grace period (tenant-service suspends), or paid again or ended after that (it reactivates). */
    @RegisterForReflection
    public record AccountStandingV1(UUID orgId, OffsetDateTime pastDueSince) {
    }

    /** A monthly limit reached: the assistant stops auto-answering until the next period or a bigger plan. */
    @RegisterForReflection
    public record QuotaExceededV1(UUID orgId, String metric, long limit, long used, String period) {
    }
}
