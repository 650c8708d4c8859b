package br.ft9.billing.infra.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.billing.domain.BillingSettings;
import br.ft9.billing.domain.StripeEvent;
import br.ft9.billing.domain.StripeWebhooks.BadSignature;
import br.ft9.billing.support.Stripe;

/** Stripe's webhook bodies read into billing's own words, once the signature over the raw body verifies; no Quarkus. */
class SignedStripeEventsTest {

    private static final String SECRET = "whsec_unit_test_secret";
    private final UUID org = UUID.randomUUID();
    private final long now = Instant.now().getEpochSecond();

    private static SignedStripeEvents reader(Optional<String> secret) {
        return new SignedStripeEvents(new Settings(secret), new ObjectMapper());
    }

    private StripeEvent read(String payload) {
        return reader(Optional.of(SECRET)).read(payload, Stripe.signature(payload, SECRET, now));
    }

    @Test
    void a_finished_checkout_names_the_organisation_its_customer_the_buyers_email_and_the_subscription() {
        String session = Stripe.fixture("checkout_session", Map.of("session", "cs_1", "org", org, "customer", "cus_1",
                "subscription", "\"sub_1\"", "status", "complete", "payment_status", "paid", "url", "null", "amount", 49_900,
                "customer_details", "{\"email\": \"financeiro@clinica.example\"}", "expires", now + 3600));
        assertThat(read(Stripe.event("evt_1", "checkout.session.completed", session, now)))
                .isEqualTo(new StripeEvent.CheckoutCompleted("evt_1", "checkout.session.completed", Instant.ofEpochSecond(now), org,
                        "cus_1", "financeiro@clinica.example", "sub_1"));
    }

    @Test
    void an_invoice_paid_carries_the_amount_paid_in_cents_and_the_currency_in_capitals() {
        String invoice = Stripe.fixture("invoice", Map.of("invoice", "in_1", "customer", "cus_1", "org", org, "subscription", "sub_1",
                "status", "paid", "amount", 49_900, "amount_paid", 49_900, "amount_remaining", 0));
        StripeEvent event = read(Stripe.event("evt_2", "invoice.paid", invoice, now));
        assertThat(event).isEqualTo(new StripeEvent.InvoiceSettled("evt_2", "invoice.paid", Instant.ofEpochSecond(now), org, "cus_1",
                "in_1", true, 49_900, "BRL", "financeiro@clinica.example"));
    }

    @Test
    void a_subscription_update_is_read_as_the_subscription_it_shows_as_of_the_events_creation() {
        String subscription = Stripe.subscription("sub_2abcdefgh", "cus_2", org, "active", "price_pro", true);
        StripeEvent event = read(Stripe.event("evt_3", "customer.subscription.updated", subscription, now - 60));
        assertThat(event).isInstanceOf(StripeEvent.SubscriptionUpdated.class);
        var sent = ((StripeEvent.SubscriptionUpdated) event).asSent();
        assertThat(sent.subscriptionId()).isEqualTo("sub_2abcdefgh");
        assertThat(sent.orgId()).isEqualTo(org);
        assertThat(sent.priceId()).isEqualTo("price_pro");
        assertThat(sent.cancelAtPeriodEnd()).isTrue();
        assertThat(sent.asOf()).isEqualTo(Instant.ofEpochSecond(now - 60));
    }

    @Test
    void a_type_billing_does_not_use_is_read_as_ignored() {
        assertThat(read(Stripe.event("evt_4", "customer.created", "{\"id\": \"cus_9\"}", now)))
                .isEqualTo(new StripeEvent.Ignored("evt_4", "customer.created", Instant.ofEpochSecond(now)));
    }

    @Test
    void a_forged_an_old_or_a_missing_signature_and_a_missing_secret_are_refused() {
        String payload = Stripe.event("evt_5", "invoice.paid", "{}", now);
        SignedStripeEvents reader = reader(Optional.of(SECRET));
        assertThatThrownBy(() -> reader.read(payload, Stripe.signature(payload, "whsec_someone_else", now)))
                .isInstanceOf(BadSignature.class).hasMessageStartingWith("Stripe-Signature does not verify");
        assertThatThrownBy(() -> reader.read(payload, Stripe.signature(payload, SECRET, now - Duration.ofMinutes(6).toSeconds())))
                .isInstanceOf(BadSignature.class);
        assertThatThrownBy(() -> reader.read(payload, null)).isInstanceOf(BadSignature.class);
        assertThatThrownBy(() -> reader(Optional.empty()).read(payload, Stripe.signature(payload, SECRET, now)))
                .isInstanceOf(BadSignature.class).hasMessage("no Stripe webhook secret is configured; events are refused");
    }

    /** Only the webhook secret matters here. */
    private record Settings(Optional<String> secret) implements BillingSettings {
        @Override
        public BillingSettings.Stripe stripe() {
            return new BillingSettings.Stripe() {
                @Override
                public Optional<String> apiKey() {
                    return Optional.empty();
                }

                @Override
                public String apiBase() {
                    return "http://127.0.0.1:1";
                }

                @Override
                public Optional<String> webhookSecret() {
                    return secret;
                }

                @Override
                public BillingSettings.Price price() {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public Checkout checkout() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Portal portal() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Duration pendingCheck() {
            return Duration.ofMinutes(1);
        }

        @Override
        public Duration gracePeriod() {
            return Duration.ofDays(14);
        }
    }
}
