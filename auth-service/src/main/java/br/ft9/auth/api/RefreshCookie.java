package br.ft9.auth.api;

import java.time.Duration;

import jakarta.ws.rs.core.NewCookie;

/**
 * The console's refresh token as a cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends
 * it), scoped to the auth path (no other service ever sees it), Secure when the request came over https.
 */
final class RefreshCookie {

    static final String NAME = "ft9_refresh";
    private static final String PATH = "/api/auth";

    private RefreshCookie() {
    }

    static NewCookie holding(String refreshToken, Duration lifetime, boolean secure) {
        return build(refreshToken, (int) lifetime.toSeconds(), secure);
    }

    static NewCookie cleared(boolean secure) {
        return build("", 0, secure);
    }

    private static NewCookie build(String value, int maxAge, boolean secure) {
        return new NewCookie.Builder(NAME).value(value).path(PATH).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}
