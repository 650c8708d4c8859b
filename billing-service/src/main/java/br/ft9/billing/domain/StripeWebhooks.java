package br.ft9.billing.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;

import br.ft9.billing.events.BillingEvents;
import br.ft9.billing.infra.StripeGateway;
import br.ft9.common.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Stripe's webhooks: the signature is checked with stripe-java's verifier (bad or older than five minutes: refused,
 * nothing stored); each event id is applied once; subscription state is taken from Stripe's API when there is a key
 * (so the final state is right whatever order events arrive in), otherwise from the event's object if it is not older
 * than the state already applied; invoices become payment events; other types are acknowledged and ignored.
 */
@ApplicationScoped
public class StripeWebhooks {

    private static final Logger LOG = Logger.getLogger(StripeWebhooks.class);
    static final long TOLERANCE_SECONDS = 300;
    static final java.util.Set<String> APPLIED = java.util.Set.of("checkout.session.completed", "customer.subscription.created",
            "customer.subscription.updated", "customer.subscription.deleted", "invoice.paid", "invoice.payment_failed");

    /** The signature header is missing, forged, for another payload, or too old. */
    public static class BadSignature extends RuntimeException {
        public BadSignature(String message) {
            super(message);
        }
    }

    private final Optional<String> secret;
    private final StripeGateway stripe;
    private final Subscriptions subscriptions;
    private final Outbox outbox;
    private final ObjectMapper json;

    public StripeWebhooks(@ConfigProperty(name = "ft9.billing.stripe.webhook-secret") Optional<String> secret, StripeGateway stripe,
            Subscriptions subscriptions, Outbox outbox, ObjectMapper json) {
        this.secret = secret.filter(s -> !s.isBlank());
        this.stripe = stripe;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.json = json;
    }

    /** What the event is about, read before any transaction (Stripe is asked here, never inside one). */
    private record Received(String id, String type, Instant created, JsonNode object, UUID orgId, SubscriptionSnapshot snapshot) {
    }

    public Uni<Void> receive(String payload, String signature) {
        if (secret.isEmpty()) {
            return Uni.createFrom().failure(new BadSignature("no Stripe webhook secret is configured; events are refused"));
        }
        JsonNode event;
        try {
            Webhook.constructEvent(payload, signature == null ? "" : signature, secret.get(), TOLERANCE_SECONDS);
            event = json.readTree(payload);
        } catch (SignatureVerificationException e) {
            return Uni.createFrom().failure(new BadSignature("Stripe-Signature does not verify: " + e.getMessage()));
        } catch (Exception e) {
            return Uni.createFrom().failure(new BadSignature("the payload is not a Stripe event"));
        }
        String id = event.path("id").asText();
        String type = event.path("type").asText();
        Instant created = Instant.ofEpochSecond(event.path("created").asLong());
        JsonNode object = event.path("data").path("object");
        return alreadyApplied(id).chain(applied -> applied ? Uni.createFrom().voidItem()
                : understand(id, type, created, object).chain(this::applyOnce));
    }

    private Uni<Boolean> alreadyApplied(String id) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("select count(*) from stripe_event where id = :id",
                Long.class).setParameter("id", id).getSingleResult())).map(n -> n > 0);
    }

    private Uni<Received> understand(String id, String type, Instant created, JsonNode object) {
        return switch (type) {
            case "checkout.session.completed" -> {
                UUID org = uuid(object.path("client_reference_id").asText(null));
                String subscription = object.path("subscription").asText(null);
                if (subscription == null || !stripe.enabled()) {
                    yield Uni.createFrom().item(new Received(id, type, created, object, org, null));
                }
                yield stripe.subscription(subscription).map(s -> new Received(id, type, created, object, org, s));
            }
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" -> {
                Uni<SubscriptionSnapshot> snapshot = stripe.enabled() ? stripe.subscription(object.path("id").asText())
                        : Uni.createFrom().item(snapshotOf(object, created));
                yield snapshot.chain(s -> orgOf(s.orgId(), s.customerId()).map(org -> new Received(id, type, created, object, org, s)));
            }
            case "invoice.paid", "invoice.payment_failed" -> orgOf(uuid(object.path("parent").path("subscription_details")
                    .path("metadata").path("org_id").asText(null)), object.path("customer").asText(null)).map(org -> new Received(id, type, created, object, org, null));
            default -> Uni.createFrom().item(new Received(id, type, created, object, null, null));
        };
    }

    private Uni<Void> applyOnce(Received event) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("insert into stripe_event (id, type,"
                + " org_id, created) values (:id, :type, :org, :created) on conflict (id) do nothing")
                .setParameter("id", event.id()).setParameter("type", event.type()).setParameter("org", event.orgId())
                .setParameter("created", event.created().atOffset(ZoneOffset.UTC)).executeUpdate())
                .chain(inserted -> inserted == 0 ? Uni.createFrom().voidItem() : apply(event)));
    }

    private Uni<Void> apply(Received event) {
        if (event.orgId() == null) {
            if (APPLIED.contains(event.type())) {
                LOG.warnf("Stripe event %s (%s) names no organisation of ours; acknowledged and ignored", event.id(), event.type());
            }
            return Uni.createFrom().voidItem(); // otherwise a type we do not use: acknowledged
        }
        return switch (event.type()) {
            case "checkout.session.completed" -> linkCustomer(event.orgId(), event.object().path("customer").asText(null),
                    event.object().path("customer_details").path("email").asText(null))
                    .chain(() -> event.snapshot() == null ? Uni.createFrom().voidItem()
                            : subscriptions.applyInTransaction(event.orgId(), event.snapshot()).replaceWithVoid());
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" ->
                subscriptions.applyInTransaction(event.orgId(), event.snapshot()).replaceWithVoid();
            case "invoice.paid" -> invoice(event, "paid", BillingEvents.PAYMENT_SUCCEEDED);
            case "invoice.payment_failed" -> invoice(event, "failed", BillingEvents.PAYMENT_FAILED);
            default -> Uni.createFrom().voidItem();
        };
    }

    /** An invoice paid is final: a late "payment_failed" for it changes nothing and tells no one. */
    private Uni<Void> invoice(Received event, String status, String eventType) {
        JsonNode invoice = event.object();
        String invoiceId = invoice.path("id").asText();
        long cents = "paid".equals(status) ? invoice.path("amount_paid").asLong() : invoice.path("amount_due").asLong();
        String currency = invoice.path("currency").asText("brl").toUpperCase(Locale.ROOT);
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into invoice (id, org_id, status, amount, currency, updated_at)"
                + " values (:id, :org, :status, :amount, :currency, now()) on conflict (id) do update set status = excluded.status,"
                + " amount = excluded.amount, updated_at = now() where invoice.status <> 'paid'")
                .setParameter("id", invoiceId).setParameter("org", event.orgId()).setParameter("status", status)
                .setParameter("amount", cents).setParameter("currency", currency).executeUpdate())
                .chain(changed -> changed == 0 ? Uni.createFrom().voidItem()
                        : outbox.append(BillingEvents.TOPIC, eventType, event.orgId(), new BillingEvents.PaymentV1(event.orgId(), invoiceId,
                                BigDecimal.valueOf(cents, 2).toPlainString(), currency, invoice.path("customer_email").asText(null)))
                                .replaceWithVoid());
    }

    private Uni<Void> linkCustomer(UUID orgId, String customerId, String email) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into billing_account (org_id, stripe_customer_id, billing_email,"
                + " updated_at) values (:org, :customer, :email, now()) on conflict (org_id) do update set stripe_customer_id ="
                + " coalesce(billing_account.stripe_customer_id, excluded.stripe_customer_id), billing_email ="
                + " coalesce(excluded.billing_email, billing_account.billing_email), updated_at = now()")
                .setParameter("org", orgId).setParameter("customer", customerId).setParameter("email", email).executeUpdate())
                .replaceWithVoid();
    }

    /** The organisation: from the subscription's metadata, else the customer we created for it. */
    private Uni<UUID> orgOf(UUID fromMetadata, String customerId) {
        if (fromMetadata != null) {
            return Uni.createFrom().item(fromMetadata);
        }
        if (customerId == null) {
            return Uni.createFrom().nullItem();
        }
        return Panache.withSession(() -> BillingAccount.<BillingAccount>find("stripeCustomerId", customerId).firstResult())
                .map(account -> account == null ? null : account.orgId);
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
