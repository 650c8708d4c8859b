package br.ft9.billing.infra.stripe;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;

import br.ft9.billing.domain.BillingSettings;
import br.ft9.billing.domain.Payments;
import br.ft9.billing.domain.SubscriptionSnapshot;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Stripe's API through stripe-java, off the event loop: each call times out, outages and throttling are retried with
 * the caller's idempotency key (so a retried create never creates twice), a refusal is not, and the circuit opens
 * when Stripe keeps failing. Without an API key (local, demo) there is no Stripe and {@link #enabled()} says so.
 */
@ApplicationScoped
public class StripeGateway implements Payments {

    /** Stripe refused the request (a 4xx other than throttling): trying again will not help. */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** Stripe could not be reached or failed. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    private final Optional<StripeClient> client;
    private final Clock clock;

    public StripeGateway(BillingSettings settings, Clock clock) {
        this.clock = clock;
        Optional<String> apiKey = settings.stripe().apiKey();
        String apiBase = settings.stripe().apiBase();
        // Retries are ours (FT, with idempotency keys), not stripe-java's on top of them.
        this.client = apiKey.filter(k -> !k.isBlank()).map(key -> StripeClient.builder().setApiKey(key).setApiBase(apiBase)
                .setMaxNetworkRetries(0).setConnectTimeout(3_000).setReadTimeout(10_000).build());
    }

    @Override
    public boolean enabled() {
        return client.isPresent();
    }

    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS, skipOn = Refused.class)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = { Refused.class, CircuitBreakerOpenException.class })
    @Override
    public Uni<String> createCustomer(UUID orgId, String name, String email, String idempotencyKey) {
        return call(stripe -> {
            CustomerCreateParams.Builder params = CustomerCreateParams.builder().putMetadata("org_id", orgId.toString());
            if (name != null) {
                params.setName(name);
            }
            if (email != null) {
                params.setEmail(email);
            }
            return stripe.v1().customers().create(params.build(), key(idempotencyKey)).getId();
        });
    }

    /** A Checkout session for the price; answers its URL. The subscription carries the organisation in its metadata. */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS, skipOn = Refused.class)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = { Refused.class, CircuitBreakerOpenException.class })
    @Override
    public Uni<String> checkout(String customerId, UUID orgId, String priceId, String successUrl, String cancelUrl,
            String idempotencyKey) {
        return call(stripe -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setCustomer(customerId)
                .setClientReferenceId(orgId.toString())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(priceId).setQuantity(1L).build())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().putMetadata("org_id", orgId.toString()).build())
                .setSuccessUrl(successUrl).setCancelUrl(cancelUrl).build(), key(idempotencyKey)).getUrl());
    }

    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS, skipOn = Refused.class)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = { Refused.class, CircuitBreakerOpenException.class })
    @Override
    public Uni<String> portal(String customerId, String returnUrl, String idempotencyKey) {
        return call(stripe -> stripe.v1().billingPortal().sessions().create(com.stripe.param.billingportal.SessionCreateParams
                .builder().setCustomer(customerId).setReturnUrl(returnUrl).build(), key(idempotencyKey)).getUrl());
    }

    /** The subscription as Stripe holds it now. */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS, skipOn = Refused.class)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = { Refused.class, CircuitBreakerOpenException.class })
    @Override
    public Uni<SubscriptionSnapshot> subscription(String subscriptionId) {
        return call(stripe -> snapshot(stripe.v1().subscriptions().retrieve(subscriptionId)));
    }

    /**
     * Moves the subscription to another price: an upgrade is prorated and invoiced now; a downgrade is not prorated,
     * so it is billed from the next period.
     */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS, skipOn = Refused.class)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = { Refused.class, CircuitBreakerOpenException.class })
    @Override
    public Uni<SubscriptionSnapshot> changePrice(String subscriptionId, String itemId, String priceId, boolean prorateNow,
            String idempotencyKey) {
        return call(stripe -> snapshot(stripe.v1().subscriptions().update(subscriptionId, SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setId(itemId).setPrice(priceId).build())
                .setProrationBehavior(prorateNow ? SubscriptionUpdateParams.ProrationBehavior.ALWAYS_INVOICE
                        : SubscriptionUpdateParams.ProrationBehavior.NONE)
                .build(), key(idempotencyKey))));
    }

    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS, skipOn = Refused.class)
    @Retry(maxRetries = 2, delay = 300, jitter = 100, abortOn = { Refused.class, CircuitBreakerOpenException.class })
    @Override
    public Uni<SubscriptionSnapshot> cancel(String subscriptionId, boolean now, String idempotencyKey) {
        return call(stripe -> snapshot(now
                ? stripe.v1().subscriptions().cancel(subscriptionId, SubscriptionCancelParams.builder().build(), key(idempotencyKey))
                : stripe.v1().subscriptions().update(subscriptionId, SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true)
                        .build(), key(idempotencyKey))));
    }

    private interface StripeCall<T> {
        T on(StripeClient stripe) throws StripeException;
    }

    private <T> Uni<T> call(StripeCall<T> call) {
        if (client.isEmpty()) {
            return Uni.createFrom().failure(new Refused("Stripe is not configured here (no STRIPE_API_KEY)"));
        }
        return Uni.createFrom().item(() -> {
            try {
                return call.on(client.get());
            } catch (RateLimitException | ApiConnectionException e) {
                throw new Unavailable("Stripe: " + e.getMessage());
            } catch (StripeException e) {
                Integer status = e.getStatusCode();
                if (status != null && status >= 400 && status < 500 && status != 409) {
                    throw new Refused("Stripe refused: " + e.getMessage());
                }
                throw new Unavailable("Stripe: " + e.getMessage());
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static RequestOptions key(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    /** The subscription as Stripe answered it, as of now: a webhook's older view of it will not undo it. */
    private SubscriptionSnapshot snapshot(Subscription subscription) {
        SubscriptionItem item = subscription.getItems() == null || subscription.getItems().getData().isEmpty() ? null
                : subscription.getItems().getData().get(0);
        String org = subscription.getMetadata() == null ? null : subscription.getMetadata().get("org_id");
        return new SubscriptionSnapshot(subscription.getId(), subscription.getCustomer(), org == null ? null : UUID.fromString(org),
                subscription.getStatus(), item == null || item.getPrice() == null ? null : item.getPrice().getId(),
                item == null ? null : item.getId(),
                item == null || item.getCurrentPeriodEnd() == null ? null : Instant.ofEpochSecond(item.getCurrentPeriodEnd()),
                Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()), clock.instant());
    }
}
