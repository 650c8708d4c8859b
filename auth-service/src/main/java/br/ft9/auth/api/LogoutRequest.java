package br.ft9.auth.api;

import jakarta.validation.constraints.Size;

/** Optional body of {@code POST /api/auth/logout}: the refresh token of the sign-in to end. */
public record LogoutRequest(@Size(max = 512) String refreshToken) {
}
