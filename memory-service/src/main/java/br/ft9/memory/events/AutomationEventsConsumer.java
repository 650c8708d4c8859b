package br.ft9.memory.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.EventRoutes;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.memory.domain.AutomationClaims;
import io.smallrye.mutiny.Uni;

/** flow-service's word on which messages its automations answer by themselves: the assistant leaves those to them. */
@ApplicationScoped
public class AutomationEventsConsumer {

    static final String CONSUMER = "memory.flow-automations";

    private final EventRoutes routes;

    public AutomationEventsConsumer(ProcessedEvents processed, AutomationClaims claims, ObjectMapper json) {
        this.routes = EventRoutes.of(CONSUMER, processed, json).once(MessageClaimsChangedV1.TYPE, MessageClaimsChangedV1.class,
                changed -> claims.keep(changed.orgId(), changed.claims(), changed.at()));
    }

    @Incoming("flow-automations")
    public Uni<Void> consume(Message<String> message) {
        return routes.consume(message);
    }
}
