package br.ft9.auth.domain;

import java.time.Duration;

import br.ft9.common.errors.TooManyRequests;

/** Too many failed sign-ins for an account or from an address (429, with when to try again). */
public class TooManyAttempts extends TooManyRequests {

    public TooManyAttempts(Duration retryAfter) {
        super("too many failed sign-in attempts; try again in " + retryAfter.toSeconds() + " seconds", retryAfter);
    }
}
