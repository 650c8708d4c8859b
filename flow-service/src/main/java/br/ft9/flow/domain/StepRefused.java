package br.ft9.flow.domain;

/** A step that cannot succeed by trying again (a rule, not an outage, e.g. a rendered text over its limit): the run fails with the reason. */
public class StepRefused extends RuntimeException {

    public StepRefused(String message) {
        super(message);
    }
}
