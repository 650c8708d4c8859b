package br.ft9.memory.events;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.EventRoutes;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.memory.domain.AnswerQuota;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * billing-service's word on the assistant: a monthly message quota reached stops auto-answering for that month
 * (messages still reach the inbox and people answer); a new or changed subscription lifts it.
 */
@ApplicationScoped
public class BillingEventsConsumer {

    static final String CONSUMER = "memory.billing-events";
    static final String QUOTA_EXCEEDED = "ft9.billing.quota.exceeded.v1";
    static final Set<String> PLAN_CHANGES = Set.of("ft9.billing.subscription.activated.v1", "ft9.billing.subscription.changed.v1");

    private final EventRoutes routes;

    public BillingEventsConsumer(ProcessedEvents processed, AnswerQuota quota, ObjectMapper json) {
        this.routes = EventRoutes.of(CONSUMER, processed, json)
                .once(QUOTA_EXCEEDED, BillingEvent.class, event -> quota.exceeded(event.orgId(), event.period()))
                .once(PLAN_CHANGES, BillingEvent.class, (event, plan) -> quota.lifted(plan.orgId()));
    }

    /** memory-service's reading of the billing events it uses. */
    @RegisterForReflection
    record BillingEvent(UUID orgId, String metric, String period) {
    }

    @Incoming("billing-events")
    public Uni<Void> consume(Message<String> message) {
        return routes.consume(message);
    }
}
