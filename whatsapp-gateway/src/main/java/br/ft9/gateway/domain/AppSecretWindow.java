package br.ft9.gateway.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import br.ft9.common.security.HmacSignature;

/**
 * Which app secret signed a Meta webhook while the secret is being rotated: the current one always; the previous one
 * only until the end of the window the operator set (Meta signs with the new secret from the moment it is reset, so
 * the window only covers the deployments in between); anything else is refused.
 */
public final class AppSecretWindow {

    /** What the signature turned out to be. */
    public enum Verdict {
        CURRENT_SECRET, PREVIOUS_SECRET, REFUSED;

        public boolean accepted() {
            return this != REFUSED;
        }
    }

    private final HmacSignature current;
    private final HmacSignature previous;
    private final Instant previousUntil;
    private final Clock clock;

    public AppSecretWindow(String currentSecret, Optional<String> previousSecret, Optional<Instant> previousUntil, Clock clock) {
        this.current = new HmacSignature(currentSecret, "WHATSAPP_APP_SECRET");
        this.previous = previousSecret.filter(s -> !s.isBlank()).map(s -> new HmacSignature(s, "WHATSAPP_APP_SECRET_PREVIOUS"))
                .orElse(null);
        if (previous != null && previousUntil.isEmpty()) {
            throw new IllegalStateException("WHATSAPP_APP_SECRET_PREVIOUS_UNTIL must say until when the previous app secret is"
                    + " accepted (an ISO-8601 instant, e.g. 2026-12-01T12:00:00Z)");
        }
        this.previousUntil = previousUntil.orElse(null);
        this.clock = clock;
    }

    public Verdict judge(byte[] body, String header) {
        if (current.matches(body, header)) {
            return Verdict.CURRENT_SECRET;
        }
        if (previous != null && clock.instant().isBefore(previousUntil) && previous.matches(body, header)) {
            return Verdict.PREVIOUS_SECRET;
        }
        return Verdict.REFUSED;
    }
}
