package br.ft9.flow.domain.run;

import br.ft9.flow.domain.definition.Step;
import io.smallrye.mutiny.Uni;

/**
 * Performs one kind of step. A step whose effect is our own data (a send command in the outbox, a contact's field) runs
 * {@linkplain #inTransaction() in the transaction} that records it, so a crash never leaves one without the other; a
 * call outside (webhook, mail, memory-service) runs before it. A {@link br.ft9.flow.domain.StepRefused} failure is a
 * {@link StepOutcome.Failed}.
 */
public abstract class StepExecutor<S extends Step> {

    /** Where a step's effect happens, against the transaction that records it. */
    protected enum Effect {
        /** Our own data, written in the step's transaction. */
        OURS,
        /** Outside (a call, a mail), before the step's transaction. */
        OUTSIDE
    }

    private final Class<S> kind;
    private final Effect effect;

    protected StepExecutor(Class<S> kind, Effect effect) {
        this.kind = kind;
        this.effect = effect;
    }

    public Class<S> kind() {
        return kind;
    }

    public boolean inTransaction() {
        return effect == Effect.OURS;
    }

    public abstract Uni<StepOutcome> perform(S step, StepContext run);
}
