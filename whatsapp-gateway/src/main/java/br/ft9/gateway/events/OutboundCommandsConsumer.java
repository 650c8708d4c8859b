package br.ft9.gateway.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.EventRoutes;
import br.ft9.gateway.domain.OutboundMessages;
import io.smallrye.mutiny.Uni;

/**
 * Send commands from {@code ft9.whatsapp.outbound}, one at a time per partition so that a conversation's
 * messages leave in the order they were asked for. Idempotent by command id (not by event id: the same
 * command published twice is still sent once); acknowledged after the outcome is committed.
 */
@ApplicationScoped
public class OutboundCommandsConsumer {

    private final EventRoutes routes;

    public OutboundCommandsConsumer(OutboundMessages outbound, ObjectMapper json) {
        this.routes = EventRoutes.untracked(json).on(SendMessageCommandV1.TYPE, SendMessageCommandV1.class,
                (event, command) -> outbound.handle(command));
    }

    @Incoming("outbound-commands")
    public Uni<Void> consume(Message<String> message) {
        return routes.consume(message);
    }
}
