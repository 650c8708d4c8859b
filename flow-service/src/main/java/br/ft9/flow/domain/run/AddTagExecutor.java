package br.ft9.flow.domain.run;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import br.ft9.flow.domain.Limits;
import br.ft9.flow.domain.definition.AddTag;
import io.smallrye.mutiny.Uni;

/** Tags the contact with the rendered tag. */
@ApplicationScoped
public class AddTagExecutor implements StepExecutor<AddTag> {

    private final RunContacts contacts;

    public AddTagExecutor(RunContacts contacts) {
        this.contacts = contacts;
    }

    @Override
    public Class<AddTag> kind() {
        return AddTag.class;
    }

    @Override
    public boolean inTransaction() {
        return true;
    }

    @Override
    public Uni<StepOutcome> perform(AddTag step, StepContext run) {
        String tag = run.facts().render(step.tag(), Limits.TAG, "the tag");
        return contacts.addTag(run.orgId(), run.contactWaId(), tag)
                .replaceWith(new StepOutcome.Done(JsonNodeFactory.instance.objectNode().put("tag", tag)));
    }
}
