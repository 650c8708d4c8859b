package br.ft9.billing.infra.stripe;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;

import br.ft9.billing.domain.BillingSettings;
import br.ft9.billing.domain.StripeEvent;
import br.ft9.billing.domain.StripeEvents;
import br.ft9.billing.domain.StripeWebhooks.BadSignature;
import br.ft9.billing.domain.SubscriptionSnapshot;

/**
 * Stripe's webhook bodies: the signature checked with stripe-java's verifier over the raw body (bad, or older than five
 * minutes: refused), then Stripe's JSON read into the few fields billing uses.
 */
@ApplicationScoped
public class SignedStripeEvents implements StripeEvents {

    static final long TOLERANCE_SECONDS = 300;

    private final Optional<String> secret;
    private final ObjectMapper json;

    public SignedStripeEvents(BillingSettings settings, ObjectMapper json) {
        this.secret = settings.stripe().webhookSecret().filter(s -> !s.isBlank());
        this.json = json;
    }

    @Override
    public StripeEvent read(String payload, String signature) {
        if (secret.isEmpty()) {
            throw new BadSignature("no Stripe webhook secret is configured; events are refused");
        }
        JsonNode event;
        try {
            Webhook.constructEvent(payload, signature == null ? "" : signature, secret.get(), TOLERANCE_SECONDS);
            event = json.readTree(payload);
        } catch (SignatureVerificationException e) {
            throw new BadSignature("Stripe-Signature does not verify: " + e.getMessage());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new BadSignature("the payload is not a Stripe event");
        }
        String id = event.path("id").asText();
        String type = event.path("type").asText();
        Instant created = Instant.ofEpochSecond(event.path("created").asLong());
        JsonNode object = event.path("data").path("object");
        return switch (type) {
            case "checkout.session.completed" -> new StripeEvent.CheckoutCompleted(id, type, created,
                    uuid(object.path("client_reference_id").asText(null)), object.path("customer").asText(null),
                    object.path("customer_details").path("email").asText(null), object.path("subscription").asText(null));
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" ->
                new StripeEvent.SubscriptionUpdated(id, type, created, snapshotOf(object, created));
            case "invoice.paid", "invoice.payment_failed" -> {
                boolean paid = "invoice.paid".equals(type);
                yield new StripeEvent.InvoiceSettled(id, type, created,
                        uuid(object.path("parent").path("subscription_details").path("metadata").path("org_id").asText(null)),
                        object.path("customer").asText(null), object.path("id").asText(), paid,
                        paid ? object.path("amount_paid").asLong() : object.path("amount_due").asLong(),
                        object.path("currency").asText("brl").toUpperCase(Locale.ROOT), object.path("customer_email").asText(null));
            }
            default -> new StripeEvent.Ignored(id, type, created);
        };
    }

    /** A subscription as the event's object shows it, as of the event's creation. */
    static SubscriptionSnapshot snapshotOf(JsonNode subscription, Instant created) {
        JsonNode item = subscription.path("items").path("data").path(0);
        long periodEnd = item.path("current_period_end").asLong(0);
        return new SubscriptionSnapshot(subscription.path("id").asText(), subscription.path("customer").asText(null),
                uuid(subscription.path("metadata").path("org_id").asText(null)), subscription.path("status").asText("incomplete"),
                item.path("price").path("id").asText(null), item.path("id").asText(null),
                periodEnd == 0 ? null : Instant.ofEpochSecond(periodEnd), subscription.path("cancel_at_period_end").asBoolean(false),
                created);
    }

    private static UUID uuid(String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
