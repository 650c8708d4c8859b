package br.ft9.flow.domain.run;

import java.util.UUID;

import br.ft9.flow.domain.Facts;

/** What a step is performed for: the run, where it is, its contact and what it knows. */
public record StepContext(UUID runId, UUID orgId, int step, String contactWaId, Facts facts) {

    /** A UUID fact, or null when the fact is missing or is not one (trigger data may carry anything). */
    public UUID uuid(String fact) {
        return Facts.uuid(facts.get(fact));
    }
}
