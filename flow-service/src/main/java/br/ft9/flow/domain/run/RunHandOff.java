package br.ft9.flow.domain.run;

import java.util.Optional;

import br.ft9.flow.domain.Run;

/**
 * Runs the replica that started them carries forward at once, right after their start commits, instead of leaving them
 * READY for a claim: no notification, no claim statement, no wait for a worker. Bounded, so that slow outside calls
 * cannot pile up in memory; a run that finds no room is left to the workers as before.
 */
public interface RunHandOff {

    /**
     * A place for one run, named by the claimant to insert it RUNNING under (not this replica's workers' name, so their
     * look for runs they left behind does not take it back); empty when every place is taken, or the replica stops.
     */
    Optional<String> reserve();

    /** Carries the run forward (its start has committed, RUNNING under the reserved claimant) and frees its place after. */
    void carry(Run run);

    /** Frees a place reserved for a run that is not to be carried (done where it started, declined, or not committed). */
    void release();
}
