package br.ft9.auth.domain;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/** The mails an account gets: an invitation, a note that the address already has an account, a password reset. */
public interface AccountMail {

    Uni<Boolean> send(String email, String token, Duration validFor);

    Uni<Boolean> sendAlreadyHeld(String email);

    Uni<Boolean> sendPasswordReset(String email, String token, Duration validFor);
}
