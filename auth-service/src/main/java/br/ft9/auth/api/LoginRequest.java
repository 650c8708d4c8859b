package br.ft9.auth.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/auth/login}. The email's format is not checked here: a malformed one
 * simply names no account, and surrounding spaces typed on a phone are forgiven.
 */
public record LoginRequest(
        @NotBlank @Size(max = 254) String email,
        @NotBlank @Size(max = 1024) String password) {
}
