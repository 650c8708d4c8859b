package br.ft9.flow.domain.run;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import br.ft9.flow.domain.Limits;
import br.ft9.flow.domain.definition.SendWhatsApp;
import br.ft9.flow.domain.definition.Template;
import br.ft9.flow.events.FlowEvents;
import io.smallrye.mutiny.Uni;

/**
 * Gives the gateway a send command: free text within the contact's 24-hour window, the step's template (or its
 * fallback template once the window closed), nothing to a contact who opted out. The command's id comes from the run
 * and the step, so a retried step is one message.
 */
@Singleton // no client proxy: its base class takes the kind in its constructor
public class SendWhatsAppExecutor extends StepExecutor<SendWhatsApp> {

    private final RunContacts contacts;
    private final RunMessages messages;
    private final ObjectMapper json;

    public SendWhatsAppExecutor(RunContacts contacts, RunMessages messages, ObjectMapper json) {
        super(SendWhatsApp.class, Effect.OURS);
        this.contacts = contacts;
        this.messages = messages;
        this.json = json;
    }

    @Override
    public Uni<StepOutcome> perform(SendWhatsApp step, StepContext run) {
        if (run.contactWaId() == null) {
            return Uni.createFrom().item(new StepOutcome.Failed("the trigger names no WhatsApp contact (waId)"));
        }
        return contacts.reach(run.orgId(), run.contactWaId()).chain(reach -> {
            if (reach.optedOut()) {
                return Uni.createFrom().item(new StepOutcome.Skipped(JsonNodeFactory.instance.objectNode()
                        .put("reason", "the contact opted out")));
            }
            Template template = step.template() != null ? step.template() : reach.inWindow() ? null : step.fallbackTemplate();
            if (step.template() == null && !reach.inWindow() && template == null) {
                return Uni.createFrom().item(new StepOutcome.Failed(
                        "outside the contact's 24-hour window and the step has no fallbackTemplate"));
            }
            FlowEvents.SendMessageV1 command = command(step, template, run);
            return messages.send(command).replaceWith(new StepOutcome.Done(json.valueToTree(command)));
        });
    }

    private static FlowEvents.SendMessageV1 command(SendWhatsApp step, Template template, StepContext run) {
        java.util.UUID commandId = java.util.UUID.nameUUIDFromBytes((run.runId() + ":" + run.step()).getBytes());
        if (template == null) {
            return new FlowEvents.SendMessageV1(commandId, run.orgId(), run.uuid("contact.contactId"), run.contactWaId(),
                    run.uuid("trigger.conversationId"), "flow", "text", run.facts().render(step.text(), Limits.TEXT, "the text"), null,
                    run.uuid("trigger.messageId"));
        }
        java.util.List<String> parameters = template.parameters().stream()
                .map(p -> run.facts().render(p, Limits.TEMPLATE_PARAMETER, "a template parameter")).toList();
        return new FlowEvents.SendMessageV1(commandId, run.orgId(), run.uuid("contact.contactId"), run.contactWaId(),
                run.uuid("trigger.conversationId"), "flow", "template", null,
                new FlowEvents.Template(template.name(), template.language(), parameters), run.uuid("trigger.messageId"));
    }
}
