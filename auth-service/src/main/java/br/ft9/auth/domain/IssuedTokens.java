package br.ft9.auth.domain;

import java.time.Instant;

/** What a sign-in or a refresh hands out. */
public record IssuedTokens(String accessToken, Instant accessTokenExpiresAt, String refreshToken) {
}
