package br.ft9.flow.domain.run;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import br.ft9.flow.domain.Limits;
import br.ft9.flow.domain.definition.HandoffToHuman;
import br.ft9.flow.events.FlowEvents;
import io.smallrye.mutiny.Uni;

/** Asks the platform to hand the conversation to the team, with the reason and the message for the contact. */
@Singleton // no client proxy: its base class takes the kind in its constructor
public class HandoffToHumanExecutor extends StepExecutor<HandoffToHuman> {

    private final RunMessages messages;

    public HandoffToHumanExecutor(RunMessages messages) {
        super(HandoffToHuman.class, Effect.OURS);
        this.messages = messages;
    }

    @Override
    public Uni<StepOutcome> perform(HandoffToHuman step, StepContext run) {
        String message = step.message() == null ? null : run.facts().render(step.message(), Limits.TEXT, "the hand-off message");
        return messages.handOff(new FlowEvents.HandoffRequestedV1(run.orgId(), run.uuid("trigger.conversationId"),
                run.uuid("contact.contactId"), run.contactWaId(), step.reason(), message, run.uuid("trigger.messageId")))
                .replaceWith(new StepOutcome.Done(JsonNodeFactory.instance.nullNode()));
    }
}
