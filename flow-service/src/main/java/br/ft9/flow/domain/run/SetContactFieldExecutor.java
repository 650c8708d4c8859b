package br.ft9.flow.domain.run;

import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import br.ft9.flow.domain.Limits;
import br.ft9.flow.domain.definition.SetContactField;
import io.smallrye.mutiny.Uni;

/** Keeps the rendered value in the contact's field; the run's next steps read it as {@code contact.fields.<field>}. */
@Singleton // no client proxy: its base class takes the kind in its constructor
public class SetContactFieldExecutor extends StepExecutor<SetContactField> {

    private final RunContacts contacts;

    public SetContactFieldExecutor(RunContacts contacts) {
        super(SetContactField.class, Effect.OURS);
        this.contacts = contacts;
    }

    @Override
    public Uni<StepOutcome> perform(SetContactField step, StepContext run) {
        String value = run.facts().render(step.value(), Limits.FIELD_VALUE, "the field's value");
        return contacts.setField(run.orgId(), run.contactWaId(), step.field(), value)
                .replaceWith(new StepOutcome.Done(JsonNodeFactory.instance.objectNode().put(step.field(), value),
                        Map.of("contact.fields." + step.field(), value)));
    }
}
