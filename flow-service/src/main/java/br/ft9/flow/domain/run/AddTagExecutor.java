package br.ft9.flow.domain.run;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import br.ft9.flow.domain.Limits;
import br.ft9.flow.domain.definition.AddTag;
import io.smallrye.mutiny.Uni;

/** Tags the contact with the rendered tag. */
@Singleton // no client proxy: its base class takes the kind in its constructor
public class AddTagExecutor extends StepExecutor<AddTag> {

    private final RunContacts contacts;

    public AddTagExecutor(RunContacts contacts) {
        super(AddTag.class, Effect.OURS);
        this.contacts = contacts;
    }

    @Override
    public Uni<StepOutcome> perform(AddTag step, StepContext run) {
        String tag = run.facts().render(step.tag(), Limits.TAG, "the tag");
        return contacts.addTag(run.orgId(), run.contactWaId(), tag)
                .replaceWith(new StepOutcome.Done(JsonNodeFactory.instance.objectNode().put("tag", tag)));
    }
}
