package br.ft9.billing.domain;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** billing-service's settings ({@code ft9.billing.*}, see application.properties for the environment variables). */
@ConfigMapping(prefix = "ft9.billing")
public interface BillingSettings {

    Stripe stripe();

    Checkout checkout();

    Portal portal();

    /** How often pending downgrades and overdue accounts are looked for. */
    Duration pendingCheck();

    /** How long an account may stay past due (Stripe retrying the card) before it is announced overdue. */
    Duration gracePeriod();

    /** Stripe: none of it where no API key is configured (local, demo). */
    interface Stripe {

        Optional<String> apiKey();

        String apiBase();

        Optional<String> webhookSecret();

        Price price();
    }

    /** The Stripe price each plan is sold at. */
    interface Price {

        Optional<String> starter();

        Optional<String> professional();

        Optional<String> enterprise();
    }

    /** Where Checkout sends the buyer back. */
    interface Checkout {

        String successUrl();

        String cancelUrl();
    }

    interface Portal {

        String returnUrl();
    }
}
