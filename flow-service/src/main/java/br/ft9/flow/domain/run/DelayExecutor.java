package br.ft9.flow.domain.run;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import br.ft9.flow.domain.definition.Delay;
import io.smallrye.mutiny.Uni;

/** Makes the next step due after the wait; the run is left READY in the database meanwhile. */
@ApplicationScoped
public class DelayExecutor implements StepExecutor<Delay> {

    @Override
    public Class<Delay> kind() {
        return Delay.class;
    }

    @Override
    public boolean inTransaction() {
        return true;
    }

    @Override
    public Uni<StepOutcome> perform(Delay step, StepContext run) {
        return Uni.createFrom().item(new StepOutcome.Waits(step.duration(),
                JsonNodeFactory.instance.objectNode().put("minutes", step.duration().toMinutes())));
    }
}
