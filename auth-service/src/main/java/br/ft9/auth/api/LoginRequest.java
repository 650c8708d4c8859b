package br.ft9.auth.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/auth/login}. The email's format is not checked here: a malformed one
 * simply names no account, and surrounding spaces typed on a phone are forgiven. {@code refreshTokenIn} COOKIE keeps
 * the refresh token out of the body, in an HttpOnly cookie (the console).
 */
public record LoginRequest(
        @NotBlank @Size(max = 254) String email,
        @NotBlank @Size(max = 1024) String password,
        RefreshTokenIn refreshTokenIn) {

    /** Where the refresh token goes: the body unless the client asked for the cookie. */
    public RefreshTokenIn refreshTokenPlace() {
        return refreshTokenIn == null ? RefreshTokenIn.BODY : refreshTokenIn;
    }
}
