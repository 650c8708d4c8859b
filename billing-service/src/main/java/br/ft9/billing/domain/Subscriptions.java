package br.ft9.billing.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import br.ft9.billing.events.BillingEvents;
import br.ft9.common.errors.Conflict;
import br.ft9.common.outbox.Outbox;
import br.ft9.common.audit.AuditAction;
import br.ft9.common.audit.AuditTrail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * An organisation's subscription: Checkout for the first one, plan changes (upgrade now with proration, downgrade at
 * the period's end), cancellation, the customer portal, plans set by staff without Stripe, and Stripe's state applied
 * with the announcement it calls for, in the same transaction (outbox).
 */
@ApplicationScoped
public class Subscriptions {

    private final Payments stripe;
    private final Prices prices;
    private final UsageStore usage;
    private final AccountStore accounts;
    private final Outbox outbox;
    private final String successUrl;
    private final String cancelUrl;
    private final String returnUrl;
    private final java.time.Duration gracePeriod;
    private final AuditTrail audit;
    private final Clock clock;

    public Subscriptions(Payments stripe, Prices prices, UsageStore usage, AccountStore accounts, Outbox outbox,
            BillingSettings settings, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        this.stripe = stripe;
        this.prices = prices;
        this.usage = usage;
        this.accounts = accounts;
        this.outbox = outbox;
        this.successUrl = settings.checkout().successUrl();
        this.cancelUrl = settings.checkout().cancelUrl();
        this.returnUrl = settings.portal().returnUrl();
        this.gracePeriod = settings.gracePeriod();
    }

    public boolean chargesEnabled() {
        return stripe.enabled();
    }

    /** Whether the plan can be bought here: Stripe configured and the plan's price known. */
    public boolean purchasable(Plan plan) {
        return stripe.enabled() && prices.priceOf(plan).isPresent();
    }

    public Uni<BillingAccount> account(UUID orgId) {
        return Panache.withSession(() -> BillingAccount.<BillingAccount>findById(orgId)
                .map(a -> a != null ? a : BillingAccount.open(orgId, OffsetDateTime.now(clock))));
    }

    /** Starts Stripe Checkout for a first subscription; answers the page's URL. The customer is created once. */
    public Uni<String> checkout(UUID orgId, Plan plan, String email) {
        requireStripe();
        String price = prices.priceOf(plan).orElseThrow(() -> new Conflict("plan", "the " + plan + " plan has no Stripe price configured"));
        return account(orgId).chain(account -> {
            if (account.state().status().entitles()) {
                throw new Conflict("plan", "the organisation already has a subscription; change its plan with PUT");
            }
            return customer(account, email).chain(customer -> stripe.checkout(customer, orgId, price, successUrl, cancelUrl,
                    "ft9-checkout-" + UUID.randomUUID()));
        });
    }

    /** A Billing Portal session for the organisation's customer (payment methods, invoices). */
    public Uni<String> portal(UUID orgId) {
        requireStripe();
        return account(orgId).chain(account -> {
            if (account.stripeCustomerId == null) {
                throw new Conflict("subscription", "the organisation has no Stripe customer yet; subscribe first");
            }
            return stripe.portal(account.stripeCustomerId, returnUrl, "ft9-portal-" + UUID.randomUUID());
        });
    }

    /** Upgrade now with proration, downgrade at the period's end (billed from the next period, limits kept until then). */
    public Uni<BillingAccount> changePlan(UUID orgId, Plan plan) {
        requireStripe();
        String price = prices.priceOf(plan).orElseThrow(() -> new Conflict("plan", "the " + plan + " plan has no Stripe price configured"));
        return account(orgId).chain(account -> {
            BillingState state = account.state();
            if (!state.status().entitles() || account.stripeSubscriptionId == null) {
                throw new Conflict("plan", "the organisation has no subscription to change; start one with POST");
            }
            Plan target = state.pendingPlan() != null ? state.pendingPlan() : state.plan();
            SubscriptionRules.Direction direction = SubscriptionRules.direction(state.plan(), plan);
            if (plan == target && direction == SubscriptionRules.Direction.SAME) {
                throw new Conflict("plan", "the organisation is already on the " + plan + " plan");
            }
            boolean upgrade = direction != SubscriptionRules.Direction.DOWNGRADE_AT_PERIOD_END;
            String key = "ft9-plan-" + UUID.randomUUID();
            return stripe.subscription(account.stripeSubscriptionId)
                    .chain(current -> stripe.changePrice(current.subscriptionId(), current.itemId(), price, upgrade, key))
                    .chain(snapshot -> applyOwnChange(orgId, snapshot, upgrade ? null : plan));
        });
    }

    /** Cancels at the period's end; platform staff can end it at once. */
    public Uni<BillingAccount> cancel(UUID orgId, boolean now) {
        return account(orgId).chain(account -> {
            if (!account.state().status().entitles()) {
                throw new Conflict("subscription", "the organisation has no active subscription");
            }
            if (!stripe.enabled() || account.stripeSubscriptionId == null) {
                if (!now) {
                    throw new Conflict("subscription", "without Stripe a plan set by staff ends at once (staff: ?now=true)");
                }
                return transition(orgId, SubscriptionRules::canceledNow);
            }
            return stripe.cancel(account.stripeSubscriptionId, now, "ft9-cancel-" + UUID.randomUUID())
                    .chain(snapshot -> applyOwnChange(orgId, snapshot, null));
        });
    }

    /** Platform staff set a plan without charges where Stripe is not configured (local, demo). */
    public Uni<BillingAccount> setWithoutCharges(UUID orgId, Plan plan) {
        if (stripe.enabled()) {
            throw new Conflict("plan", "Stripe is configured: plans are paid for through Checkout");
        }
        return transition(orgId, state -> SubscriptionRules.setWithoutCharges(state, plan));
    }

    /**
     * Applies Stripe's state of the organisation's subscription and announces what changed, in the caller's
     * transaction (the webhook records the event in the same one); answers the account.
     */
    public Uni<BillingAccount> applyInTransaction(UUID orgId, SubscriptionSnapshot snapshot) {
        return applyInTransaction(orgId, snapshot, null);
    }

    private Uni<BillingAccount> applyOwnChange(UUID orgId, SubscriptionSnapshot snapshot, Plan downgradeTo) {
        return Panache.withTransaction(() -> applyInTransaction(orgId, snapshot, downgradeTo));
    }

    private Uni<BillingAccount> applyInTransaction(UUID orgId, SubscriptionSnapshot snapshot, Plan downgradeTo) {
        return locked(orgId).chain(account -> {
            if (snapshot.customerId() != null && account.stripeCustomerId == null) {
                account.stripeCustomerId = snapshot.customerId();
            }
            BillingState base = downgradeTo == null ? account.state()
                    : SubscriptionRules.downgradeAtPeriodEnd(account.state(), downgradeTo, snapshot.currentPeriodEnd());
            SubscriptionRules.Outcome outcome = SubscriptionRules.apply(base, snapshot, prices::planOf, clock.instant());
            return save(account, outcome.state(), outcome.announcement());
        });
    }

    private Uni<BillingAccount> transition(UUID orgId, java.util.function.Function<BillingState, SubscriptionRules.Outcome> change) {
        return Panache.withTransaction(() -> locked(orgId).chain(account -> {
            SubscriptionRules.Outcome outcome = change.apply(account.state());
            return save(account, outcome.state(), outcome.announcement());
        }));
    }

    /** The organisation's billing row, locked for this transaction (a new one when it has none yet). */
    private Uni<BillingAccount> locked(UUID orgId) {
        return BillingAccount.<BillingAccount>findById(orgId, LockModeType.PESSIMISTIC_WRITE)
                .map(found -> found != null ? found : BillingAccount.open(orgId, OffsetDateTime.now(clock)));
    }

    private Uni<BillingAccount> save(BillingAccount account, BillingState after, SubscriptionRules.Announcement announcement) {
        Map<String, Object> before = shown(account.state());
        account.take(after, OffsetDateTime.now(clock));
        boolean settled = account.overdueAnnounced && after.status() != SubscriptionStatus.PAST_DUE;
        if (settled) {
            account.overdueAnnounced = false;
        }
        Uni<BillingAccount> saved = account.persistAndFlush().replaceWith(account);
        if (settled) {
            saved = saved.call(() -> outbox.append(BillingEvents.TOPIC, BillingEvents.ACCOUNT_SETTLED, account.orgId,
                    new BillingEvents.AccountStandingV1(account.orgId, null)));
        }
        String type = switch (announcement) {
            case ACTIVATED -> BillingEvents.SUBSCRIPTION_ACTIVATED;
            case CHANGED -> BillingEvents.SUBSCRIPTION_CHANGED;
            case CANCELED -> BillingEvents.SUBSCRIPTION_CANCELED;
            case NONE -> null;
        };
        if (type == null) {
            return saved;
        }
        Plan plan = after.effectivePlan();
        // A new plan has new limits: this month's quota is judged again against them (and announced again if reached).
        // Who: the admin or staff whose request changed it, or the platform when Stripe's webhook told us.
        AuditAction action = announcement == SubscriptionRules.Announcement.CANCELED ? AuditAction.SUBSCRIPTION_CANCELED
                : AuditAction.PLAN_CHANGED;
        return saved.call(() -> usage.forgetNotices(account.orgId, Usage.period(clock)))
                .call(() -> audit.record(account.orgId, action, "subscription", account.orgId, before, shown(after)))
                .call(() -> outbox.append(BillingEvents.TOPIC, type, account.orgId, new BillingEvents.SubscriptionV1(account.orgId,
                plan.name(), after.status().name(), plan.limits(),
                after.currentPeriodEnd() == null ? null : after.currentPeriodEnd().atOffset(ZoneOffset.UTC), after.cancelAtPeriodEnd())));
    }

    /** A subscription as the audit trail shows it. */
    private static Map<String, Object> shown(BillingState state) {
        Map<String, Object> shown = new java.util.LinkedHashMap<>();
        shown.put("plan", state.effectivePlan() == null ? null : state.effectivePlan().name()); // what the organisation gets
        shown.put("status", state.status() == null ? null : state.status().name());
        shown.put("pendingPlan", state.pendingPlan() == null ? null : state.pendingPlan().name());
        shown.put("cancelAtPeriodEnd", state.cancelAtPeriodEnd());
        return shown;
    }

    /** Downgrades whose period ended without a webhook saying so take effect. */
    public Uni<Void> applyDuePendingPlans() {
        return Panache.withSession(() -> BillingAccount.<BillingAccount>list("pendingPlan is not null and pendingFrom <= ?1",
                OffsetDateTime.now(clock)))
                .chain(due -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (BillingAccount account : due) {
                        chain = chain.chain(() -> transition(account.orgId, state -> SubscriptionRules.duePendingPlan(state, clock.instant()))
                                .replaceWithVoid());
                    }
                    return chain;
                });
    }

    /**
     * Organisations past due for longer than the grace period are announced overdue, once (tenant-service suspends
     * them; paying or ending the subscription settles it).
     */
    public Uni<Void> announceOverdue() {
        return Panache.withTransaction(() -> BillingAccount.<BillingAccount>list("status = ?1 and overdueAnnounced = false and"
                + " pastDueSince <= ?2", SubscriptionStatus.PAST_DUE.name(), OffsetDateTime.now(clock).minus(gracePeriod))
                .chain(due -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (BillingAccount account : due) {
                        account.overdueAnnounced = true;
                        chain = chain.chain(() -> outbox.append(BillingEvents.TOPIC, BillingEvents.ACCOUNT_OVERDUE, account.orgId,
                                new BillingEvents.AccountStandingV1(account.orgId, account.pastDueSince)).replaceWithVoid());
                    }
                    return chain;
                }));
    }

    private Uni<String> customer(BillingAccount account, String email) {
        if (account.stripeCustomerId != null) {
            return Uni.createFrom().item(account.stripeCustomerId);
        }
        // The key is the organisation's: however often this is retried or raced, Stripe creates one customer.
        return stripe.createCustomer(account.orgId, null, email, "ft9-customer-" + account.orgId)
                .call(id -> Panache.withTransaction(() -> accounts.linkCustomer(account.orgId, id, null)));
    }

    private void requireStripe() {
        if (!stripe.enabled()) {
            throw new Conflict("subscription", "Stripe is not configured here, so nothing is charged: platform staff set"
                    + " an organisation's plan with PUT /api/billing/organizations/{id}/subscription");
        }
    }
}
