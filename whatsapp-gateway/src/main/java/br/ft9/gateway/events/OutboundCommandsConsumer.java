package br.ft9.gateway.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.EventRoutes;
import br.ft9.gateway.domain.OutboundMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Send commands from {@code ft9.whatsapp.outbound}, in batches of one partition, in order, so that a conversation's
 * messages leave in the order they were asked for. Idempotent by command id (not by event id: the same
 * command published twice is still sent once); acknowledged after the outcomes are committed.
 */
@ApplicationScoped
public class OutboundCommandsConsumer {

    static final String CONSUMER = "whatsapp-gateway-outbound";

    private final EventRoutes routes;

    public OutboundCommandsConsumer(OutboundMessages outbound, ObjectMapper json) {
        // A batch's commands claimed, delivered and recorded together, each delivered in its record's trace.
        this.routes = EventRoutes.untracked(CONSUMER, json).onTogether(SendMessageCommandV1.TYPE, SendMessageCommandV1.class,
                commands -> outbound.handleTogether(commands.stream().map(command -> new OutboundMessages.Together(command.data(),
                        work -> command.trace().run(work))).toList()));
    }

    /** A batch of one partition, in its order; one holding an unreadable command goes one at a time, that one dead-lettered. */
    @Incoming("outbound-commands")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return routes.consume(batch);
    }
}
