package br.ft9.billing.domain;

import java.util.Locale;

/** Where an organisation's subscription stands, in Stripe's words; NONE before the first one. */
public enum SubscriptionStatus {
    NONE, INCOMPLETE, TRIALING, ACTIVE, PAST_DUE, CANCELED, UNPAID, INCOMPLETE_EXPIRED, PAUSED;

    /** Whether the plan's limits apply: paying, in trial, or late but within Stripe's retries (the grace period). */
    public boolean entitles() {
        return this == TRIALING || this == ACTIVE || this == PAST_DUE;
    }

    public static SubscriptionStatus ofStripe(String status) {
        try {
            return valueOf(status.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return INCOMPLETE;
        }
    }
}
