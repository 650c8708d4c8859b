package br.ft9.auth.api;

/**
 * Where a sign-in's refresh token travels: in the answer's body (API clients), or only in an HttpOnly cookie scoped to
 * {@code /api/auth} (the console, so that no script in the page can ever read it).
 */
public enum RefreshTokenIn {
    BODY, COOKIE
}
