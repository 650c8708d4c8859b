package br.ft9.gateway.events;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.CloudEventInbox;
import br.ft9.common.inbox.EventRoutes;
import br.ft9.gateway.domain.OutboundMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
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
    private final OutboundMessages outbound;
    private final ObjectMapper json;

    public OutboundCommandsConsumer(OutboundMessages outbound, ObjectMapper json) {
        this.outbound = outbound;
        this.json = json;
        this.routes = EventRoutes.untracked(json).on(SendMessageCommandV1.TYPE, SendMessageCommandV1.class,
                (event, command) -> outbound.handle(command));
    }

    /**
     * A batch's commands claimed, delivered and recorded together (OutboundMessages#handleTogether), each delivered in its
     * record's trace. A batch holding an unreadable command is applied one at a time, so that only it is dead-lettered.
     */
    @Incoming("outbound-commands")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return CloudEventInbox.consumeBatch(CONSUMER, batch, () -> outbound.handleTogether(commands(batch.getRecords())),
                routes::consume);
    }

    /** The batch's send commands, in its order; other types are left, as one at a time. Unreadable data throws. */
    private List<OutboundMessages.Together> commands(List<? extends Message<String>> records) {
        List<OutboundMessages.Together> commands = new ArrayList<>(records.size());
        for (Message<String> record : records) {
            IncomingCloudEventMetadata<?> ce = record.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
            if (ce != null && SendMessageCommandV1.TYPE.equals(ce.getType())) {
                commands.add(new OutboundMessages.Together(CloudEventInbox.read(json, record.getPayload(), SendMessageCommandV1.class),
                        work -> CloudEventInbox.inTrace(record, work)));
            }
        }
        return commands;
    }
}
