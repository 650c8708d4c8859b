package br.ft9.billing.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscription as Stripe holds it at one moment: fetched from Stripe's API (the truth, whatever order the webhooks
 * came in) or read from an event's object (without an API key), with the time it describes.
 */
public record SubscriptionSnapshot(String subscriptionId, String customerId, UUID orgId, String status, String priceId,
        String itemId, Instant currentPeriodEnd, boolean cancelAtPeriodEnd, Instant asOf) {
}
