package br.ft9.flow.events;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.common.inbox.EventRoutes;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.flow.domain.RunStarter;
import io.smallrye.mutiny.Uni;

/**
 * billing-service's events start {@code payment_succeeded}, {@code payment_failed} and {@code subscription_changed}
 * automations; the event's data is the trigger's ({@code {{trigger.amount}}}, {@code {{trigger.plan}}}, ...).
 */
@ApplicationScoped
public class BillingEventsConsumer {

    static final String CONSUMER = "flow.billing-events";
    static final Map<String, String> TRIGGERS = Map.of(
            "ft9.billing.payment.succeeded.v1", "payment_succeeded",
            "ft9.billing.payment.failed.v1", "payment_failed",
            "ft9.billing.subscription.activated.v1", "subscription_changed",
            "ft9.billing.subscription.changed.v1", "subscription_changed",
            "ft9.billing.subscription.canceled.v1", "subscription_changed");

    private final EventRoutes routes;

    public BillingEventsConsumer(ProcessedEvents processed, RunStarter runs, ObjectMapper json) {
        this.routes = EventRoutes.of(CONSUMER, processed, json);
        TRIGGERS.forEach((type, trigger) -> routes.once(List.of(type), JsonNode.class, (event, data) -> {
            UUID orgId = UUID.fromString(data.path("orgId").asText(event.subject().orElse("")));
            ObjectNode facts = json.createObjectNode();
            ObjectNode triggerFacts = facts.putObject("trigger");
            triggerFacts.setAll((ObjectNode) data.deepCopy());
            triggerFacts.put("type", trigger).put("event", type);
            String waId = data.path("waId").asText(null);
            if (waId != null) {
                facts.putObject("contact").put("waId", waId);
            }
            return runs.start(orgId, trigger, event.id(), waId, facts, definition -> true);
        }));
    }

    @Incoming("billing-events")
    public Uni<Void> consume(Message<String> message) {
        return routes.consume(message);
    }
}
