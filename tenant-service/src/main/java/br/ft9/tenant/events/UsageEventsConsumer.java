package br.ft9.tenant.events;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.EventRoutes;
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

    private final EventRoutes seats;
    private final EventRoutes plans;

    public UsageEventsConsumer(ProcessedEvents processed, Organizations organizations, ObjectMapper json, Clock clock) {
        this.seats = EventRoutes.of(SEATS, processed, json)
                .once(USER_CREATED, UserEvent.class, user -> Seat.hold(user.userId(), user.orgId(), user.status(),
                        OffsetDateTime.now(clock)))
                .once(USER_DEACTIVATED, UserEvent.class, user -> Seat.release(user.userId()));
        this.plans = EventRoutes.of(PLANS, processed, json)
                .once(List.of(SUBSCRIPTION_ACTIVATED, SUBSCRIPTION_CHANGED), SubscriptionEvent.class, (event, subscription) ->
                        organizations.applyPlanInTransaction(subscription.orgId(), subscription.toLimits()).replaceWithVoid())
                .once(SUBSCRIPTION_CANCELED, SubscriptionEvent.class, subscription ->
                        organizations.applyPlanInTransaction(subscription.orgId(), PlanLimits.STARTER).replaceWithVoid())
                .once(ACCOUNT_OVERDUE, AccountEvent.class, account -> organizations.suspendForNonPaymentInTransaction(account.orgId()))
                .once(ACCOUNT_SETTLED, AccountEvent.class, account -> organizations.liftNonPaymentSuspensionInTransaction(account.orgId()));
    }

    @Incoming("auth-events")
    public Uni<Void> users(Message<String> message) {
        return seats.consume(message);
    }

    @Incoming("billing-events")
    public Uni<Void> subscriptions(Message<String> message) {
        return plans.consume(message);
    }

    /** tenant-service's reading of billing-service's overdue and settled events. */
    @RegisterForReflection
    record AccountEvent(UUID orgId) {
    }

    /** tenant-service's reading of auth-service's user events. */
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
