package br.ft9.auth.domain;

/** Credentials or a refresh token that do not open a session (401); the text never says which part was wrong. */
public class SignInRefused extends RuntimeException {

    public static final String BAD_CREDENTIALS = "invalid email or password";

    public SignInRefused(String detail) {
        super(detail);
    }
}
