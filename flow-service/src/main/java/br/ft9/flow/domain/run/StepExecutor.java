package br.ft9.flow.domain.run;

import br.ft9.flow.domain.definition.Step;
import io.smallrye.mutiny.Uni;

/**
 * Performs one kind of step. A step whose effect is our own data (a send command in the outbox, a contact's field) runs
 * {@linkplain #inTransaction() in the transaction} that records it, so a crash never leaves one without the other; a
 * call outside (webhook, mail, memory-service) runs before it. A {@link br.ft9.flow.domain.StepRefused} failure is a
 * {@link StepOutcome.Failed}.
 */
public interface StepExecutor<S extends Step> {

    Class<S> kind();

    boolean inTransaction();

    Uni<StepOutcome> perform(S step, StepContext run);
}
