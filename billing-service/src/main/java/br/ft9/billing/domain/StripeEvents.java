package br.ft9.billing.domain;

/** Reads a webhook's body into a {@link StripeEvent} once its signature verifies. */
public interface StripeEvents {

    /** The event; {@link StripeWebhooks.BadSignature} when the header is missing, forged, for another body, or too old. */
    StripeEvent read(String payload, String signature);
}
