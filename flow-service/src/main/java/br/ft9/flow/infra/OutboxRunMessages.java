package br.ft9.flow.infra;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.outbox.Outbox;
import br.ft9.flow.domain.run.RunMessages;
import br.ft9.flow.events.FlowEvents;
import io.smallrye.mutiny.Uni;

/** A run's commands through the outbox, keyed by organisation and contact so one contact's commands keep their order. */
@ApplicationScoped
public class OutboxRunMessages implements RunMessages {

    private final Outbox outbox;

    public OutboxRunMessages(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Uni<Void> send(FlowEvents.SendMessageV1 command) {
        return outbox.append(FlowEvents.OUTBOUND_TOPIC, FlowEvents.SEND_MESSAGE, command.orgId(), command.orgId() + ":" + command.waId(),
                command).replaceWithVoid();
    }

    @Override
    public Uni<Void> handOff(FlowEvents.HandoffRequestedV1 request) {
        return outbox.append(FlowEvents.TOPIC, FlowEvents.HANDOFF_REQUESTED, request.orgId(), request.orgId() + ":" + request.waId(),
                request).replaceWithVoid();
    }
}
