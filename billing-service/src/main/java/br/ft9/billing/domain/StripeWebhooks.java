package br.ft9.billing.domain;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import br.ft9.billing.events.BillingEvents;
import br.ft9.common.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Stripe's webhooks, once their signature verified ({@link StripeEvents}): each event id is applied once; subscription
 * state is taken from Stripe's API when there is a key (so the final state is right whatever order events arrive in),
 * otherwise from the event's object if it is not older than the state already applied; invoices become payment events;
 * other types are acknowledged and ignored.
 */
@ApplicationScoped
public class StripeWebhooks {

    private static final Logger LOG = Logger.getLogger(StripeWebhooks.class);

    /** The signature header is missing, forged, for another payload, or too old. */
    public static class BadSignature extends RuntimeException {
        public BadSignature(String message) {
            super(message);
        }
    }

    private final StripeEvents events;
    private final Payments payments;
    private final Subscriptions subscriptions;
    private final PaymentLedger ledger;
    private final AccountStore accounts;
    private final Outbox outbox;

    public StripeWebhooks(StripeEvents events, Payments payments, Subscriptions subscriptions, PaymentLedger ledger,
            AccountStore accounts, Outbox outbox) {
        this.events = events;
        this.payments = payments;
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.accounts = accounts;
        this.outbox = outbox;
    }

    /** What the event is about, worked out before any transaction (Stripe is asked here, never inside one). */
    private record Received(StripeEvent event, UUID orgId, SubscriptionSnapshot snapshot) {
    }

    public Uni<Void> receive(String payload, String signature) {
        StripeEvent event;
        try {
            event = events.read(payload, signature);
        } catch (BadSignature e) {
            return Uni.createFrom().failure(e);
        }
        return ledger.applied(event.id()).chain(applied -> applied ? Uni.createFrom().voidItem()
                : understand(event).chain(this::applyOnce));
    }

    private Uni<Received> understand(StripeEvent event) {
        if (event instanceof StripeEvent.CheckoutCompleted checkout) {
            if (checkout.subscriptionId() == null || !payments.enabled()) {
                return Uni.createFrom().item(new Received(event, checkout.orgId(), null));
            }
            return payments.subscription(checkout.subscriptionId()).map(s -> new Received(event, checkout.orgId(), s));
        }
        if (event instanceof StripeEvent.SubscriptionUpdated update) {
            Uni<SubscriptionSnapshot> snapshot = payments.enabled() ? payments.subscription(update.asSent().subscriptionId())
                    : Uni.createFrom().item(update.asSent());
            return snapshot.chain(s -> orgOf(s.orgId(), s.customerId()).map(org -> new Received(event, org, s)));
        }
        if (event instanceof StripeEvent.InvoiceSettled invoice) {
            return orgOf(invoice.orgFromMetadata(), invoice.customerId()).map(org -> new Received(event, org, null));
        }
        return Uni.createFrom().item(new Received(event, null, null));
    }

    private Uni<Void> applyOnce(Received received) {
        StripeEvent event = received.event();
        return Panache.withTransaction(() -> ledger.recordOnce(event.id(), event.type(), received.orgId(), event.created())
                .chain(first -> first ? apply(received) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> apply(Received received) {
        StripeEvent event = received.event();
        if (received.orgId() == null) {
            if (!(event instanceof StripeEvent.Ignored)) {
                LOG.warnf("Stripe event %s (%s) names no organisation of ours; acknowledged and ignored", event.id(), event.type());
            }
            return Uni.createFrom().voidItem();
        }
        if (event instanceof StripeEvent.CheckoutCompleted checkout) {
            return accounts.linkCustomer(received.orgId(), checkout.customerId(), checkout.email())
                    .chain(() -> received.snapshot() == null ? Uni.createFrom().voidItem()
                            : subscriptions.applyInTransaction(received.orgId(), received.snapshot()).replaceWithVoid());
        }
        if (event instanceof StripeEvent.SubscriptionUpdated) {
            return subscriptions.applyInTransaction(received.orgId(), received.snapshot()).replaceWithVoid();
        }
        if (event instanceof StripeEvent.InvoiceSettled invoice) {
            return invoice(received.orgId(), invoice);
        }
        return Uni.createFrom().voidItem();
    }

    /** An invoice paid is final: a late "payment_failed" for it changes nothing and tells no one. */
    private Uni<Void> invoice(UUID orgId, StripeEvent.InvoiceSettled invoice) {
        return ledger.invoice(invoice.invoiceId(), orgId, invoice.paid(), invoice.cents(), invoice.currency())
                .chain(changed -> !changed ? Uni.createFrom().voidItem()
                        : outbox.append(BillingEvents.TOPIC, invoice.paid() ? BillingEvents.PAYMENT_SUCCEEDED : BillingEvents.PAYMENT_FAILED,
                                orgId, new BillingEvents.PaymentV1(orgId, invoice.invoiceId(),
                                        BigDecimal.valueOf(invoice.cents(), 2).toPlainString(), invoice.currency(), invoice.customerEmail()))
                                .replaceWithVoid());
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
}
