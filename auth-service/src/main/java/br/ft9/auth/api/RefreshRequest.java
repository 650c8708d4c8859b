package br.ft9.auth.api;

import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/auth/refresh}: the refresh token, unless the sign-in keeps it in its cookie. */
public record RefreshRequest(@Size(max = 512) String refreshToken) {
}
