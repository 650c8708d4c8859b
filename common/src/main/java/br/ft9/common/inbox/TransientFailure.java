package br.ft9.common.inbox;

/**
 * A failure that will pass (a provider down or throttling for a while): the consumer's record is held and applied again
 * later with a growing wait, never sent to the dead-letter topic for it.
 */
public class TransientFailure extends RuntimeException {

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
