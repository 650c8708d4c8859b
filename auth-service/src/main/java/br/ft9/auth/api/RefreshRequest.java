package br.ft9.auth.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/auth/refresh}. */
public record RefreshRequest(@NotBlank @Size(max = 512) String refreshToken) {
}
