package br.ft9.billing.domain;

import java.time.Instant;
import java.util.UUID;

/** A verified Stripe event, as far as billing reads it: what kind, and the few fields each kind needs. */
public sealed interface StripeEvent {

    String id();

    String type();

    Instant created();

    /** Checkout finished: the organisation (client_reference_id), its new customer and the subscription it started. */
    record CheckoutCompleted(String id, String type, Instant created, UUID orgId, String customerId, String email,
            String subscriptionId) implements StripeEvent {
    }

    /** A subscription created, updated or deleted, with the object as the event carried it. */
    record SubscriptionUpdated(String id, String type, Instant created, SubscriptionSnapshot asSent) implements StripeEvent {
    }

    /** An invoice paid or failed: the organisation from the subscription's metadata, else by its customer. */
    record InvoiceSettled(String id, String type, Instant created, UUID orgFromMetadata, String customerId, String invoiceId,
            boolean paid, long cents, String currency, String customerEmail) implements StripeEvent {
    }

    /** A type billing does not use: acknowledged. */
    record Ignored(String id, String type, Instant created) implements StripeEvent {
    }
}
