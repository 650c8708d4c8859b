package br.ft9.flow.domain.run;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import br.ft9.flow.domain.definition.Delay;
import io.smallrye.mutiny.Uni;

/** Makes the next step due after the wait; the run is left READY in the database meanwhile. */
@Singleton // no client proxy: its base class takes the kind in its constructor
public class DelayExecutor extends StepExecutor<Delay> {

    public DelayExecutor() {
        super(Delay.class, Effect.OURS);
    }

    @Override
    public Uni<StepOutcome> perform(Delay step, StepContext run) {
        return Uni.createFrom().item(new StepOutcome.Waits(step.duration(),
                JsonNodeFactory.instance.objectNode().put("minutes", step.duration().toMinutes())));
    }
}
