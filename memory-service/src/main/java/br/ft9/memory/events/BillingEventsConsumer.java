package br.ft9.memory.events;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.CloudEventInbox;
import br.ft9.common.inbox.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
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

    private final ProcessedEvents processed;
    private final ObjectMapper json;

    public BillingEventsConsumer(ProcessedEvents processed, ObjectMapper json) {
        this.processed = processed;
        this.json = json;
    }

    /** memory-service's reading of the billing events it uses. */
    @RegisterForReflection
    record BillingEvent(UUID orgId, String metric, String period) {
    }

    @Incoming("billing-events")
    public Uni<Void> consume(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> {
            if (QUOTA_EXCEEDED.equals(ce.getType())) {
                return CloudEventInbox.data(json, payload, BillingEvent.class).chain(event -> processed.applyOnce(CONSUMER, ce,
                        () -> Panache.getSession().chain(s -> s.createNativeQuery("insert into answer_quota (org_id, exceeded_period,"
                                + " updated_at) values (:org, :period, now()) on conflict (org_id) do update set exceeded_period ="
                                + " excluded.exceeded_period, updated_at = now()").setParameter("org", event.orgId())
                                .setParameter("period", event.period()).executeUpdate()).replaceWithVoid()));
            }
            if (PLAN_CHANGES.contains(ce.getType())) {
                return CloudEventInbox.data(json, payload, BillingEvent.class).chain(event -> processed.applyOnce(CONSUMER, ce,
                        () -> Panache.getSession().chain(s -> s.createNativeQuery("delete from answer_quota where org_id = :org")
                                .setParameter("org", event.orgId()).executeUpdate()).replaceWithVoid()));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
