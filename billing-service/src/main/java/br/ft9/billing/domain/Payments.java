package br.ft9.billing.domain;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The payment provider (Stripe) as billing's use cases need it; absent where no key is configured (local, demo). */
public interface Payments {

    boolean enabled();

    /** Creates the organisation's customer; the key makes a retried or raced creation create one. */
    Uni<String> createCustomer(UUID orgId, String name, String email, String idempotencyKey);

    /** A hosted Checkout page for a first subscription; its URL. */
    Uni<String> checkout(String customerId, UUID orgId, String priceId, String successUrl, String cancelUrl, String idempotencyKey);

    /** A customer portal session (payment methods, invoices); its URL. */
    Uni<String> portal(String customerId, String returnUrl, String idempotencyKey);

    /** The subscription as the provider holds it now. */
    Uni<SubscriptionSnapshot> subscription(String subscriptionId);

    /** Another price: an upgrade prorated and invoiced now, a downgrade billed from the next period. */
    Uni<SubscriptionSnapshot> changePrice(String subscriptionId, String itemId, String priceId, boolean prorateNow, String idempotencyKey);

    /** Cancelled now, or at the period's end. */
    Uni<SubscriptionSnapshot> cancel(String subscriptionId, boolean now, String idempotencyKey);
}
