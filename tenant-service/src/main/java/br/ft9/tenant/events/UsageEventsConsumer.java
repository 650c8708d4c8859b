package br.ft9.tenant.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.CloudEventInbox;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.tenant.domain.Organizations;
import br.ft9.tenant.domain.PlanLimits;
import br.ft9.tenant.domain.Seat;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What tenant-service learns from the others about an organisation's plan and use: seats from
 * auth-service's user events, plan limits from billing-service's subscription events, and suspension for a payment
 * overdue past billing's grace period (lifted when billing says it is settled).
 */
@ApplicationScoped
public class UsageEventsConsumer {

    static final String SEATS = "tenant.auth-events";
    static final String PLANS = "tenant.billing-events";
    static final String USER_CREATED = "ft9.auth.user.created.v1";
    static final String USER_DEACTIVATED = "ft9.auth.user.deactivated.v1";
    static final String SUBSCRIPTION_ACTIVATED = "ft9.billing.subscription.activated.v1";
    static final String SUBSCRIPTION_CHANGED = "ft9.billing.subscription.changed.v1";
    static final String SUBSCRIPTION_CANCELED = "ft9.billing.subscription.canceled.v1";
    static final String ACCOUNT_OVERDUE = "ft9.billing.account.overdue.v1";
    static final String ACCOUNT_SETTLED = "ft9.billing.account.settled.v1";

    private final ProcessedEvents processed;
    private final Organizations organizations;
    private final ObjectMapper json;

    public UsageEventsConsumer(ProcessedEvents processed, Organizations organizations, ObjectMapper json) {
        this.processed = processed;
        this.organizations = organizations;
        this.json = json;
    }

    @Incoming("auth-events")
    public Uni<Void> users(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> switch (ce.getType()) {
            case USER_CREATED -> CloudEventInbox.data(json, payload, UserEvent.class).chain(user -> processed.applyOnce(SEATS, ce,
                    () -> Seat.<Seat>findById(user.userId()).chain(existing -> {
                        Seat seat = existing != null ? existing : new Seat();
                        seat.userId = user.userId();
                        seat.orgId = user.orgId();
                        seat.status = user.status();
                        seat.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        return seat.persist().replaceWithVoid();
                    })));
            case USER_DEACTIVATED -> CloudEventInbox.data(json, payload, UserEvent.class).chain(user -> processed.applyOnce(SEATS, ce,
                    () -> Seat.deleteById(user.userId()).replaceWithVoid()));
            default -> Uni.createFrom().voidItem();
        });
    }

    @Incoming("billing-events")
    public Uni<Void> subscriptions(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> switch (ce.getType()) {
            case SUBSCRIPTION_ACTIVATED, SUBSCRIPTION_CHANGED -> CloudEventInbox.data(json, payload, SubscriptionEvent.class)
                    .chain(subscription -> processed.applyOnce(PLANS, ce, () -> organizations
                            .applyPlanInTransaction(subscription.orgId(), subscription.toLimits()).replaceWithVoid()));
            case SUBSCRIPTION_CANCELED -> CloudEventInbox.data(json, payload, SubscriptionEvent.class)
                    .chain(subscription -> processed.applyOnce(PLANS, ce, () -> organizations
                            .applyPlanInTransaction(subscription.orgId(), PlanLimits.STARTER).replaceWithVoid()));
            case ACCOUNT_OVERDUE -> CloudEventInbox.data(json, payload, AccountEvent.class).chain(account -> processed.applyOnce(PLANS, ce,
                    () -> organizations.suspendForNonPaymentInTransaction(account.orgId())));
            case ACCOUNT_SETTLED -> CloudEventInbox.data(json, payload, AccountEvent.class).chain(account -> processed.applyOnce(PLANS, ce,
                    () -> organizations.liftNonPaymentSuspensionInTransaction(account.orgId())));
            default -> Uni.createFrom().voidItem();
        });
    }

    /** tenant-service's reading of auth-service's user events. */
    /** tenant-service's reading of billing-service's overdue and settled events. */
    @RegisterForReflection
    record AccountEvent(UUID orgId) {
    }

    @RegisterForReflection

    record UserEvent(UUID userId, UUID orgId, String status) {
    }

    /** tenant-service's reading of billing-service's subscription events. */
    @RegisterForReflection
    record SubscriptionEvent(UUID orgId, String plan, Limits limits) {
        PlanLimits toLimits() {
            if (limits == null) {
                throw new IllegalArgumentException("a subscription event without limits");
            }
            // automationRunsPerMonth came later: an event without it keeps Starter's figure.
            return new PlanLimits(plan, limits.messagesPerMonth(), limits.knowledgeItems(), limits.automations(), limits.seats(),
                    limits.automationRunsPerMonth() == null ? PlanLimits.STARTER.automationRunsPerMonth() : limits.automationRunsPerMonth());
        }
    }

    @RegisterForReflection

    record Limits(int messagesPerMonth, int knowledgeItems, int automations, int seats, Integer automationRunsPerMonth) {
    }
}
