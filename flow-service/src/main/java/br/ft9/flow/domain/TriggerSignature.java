package br.ft9.flow.domain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import br.ft9.common.security.HmacSignature;

/**
 * The signature of a call to an automation's webhook: {@code X-FT9-Signature: t=<unix seconds>,sha256=<hex HMAC-SHA256
 * of "<t>." followed by the raw body, keyed with the automation's secret>}. The time is signed with the body and must be
 * within five minutes of ours, so a call someone captured cannot be replayed later (Stripe's scheme, for the same reason).
 */
public final class TriggerSignature {

    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Pattern HEADER = Pattern.compile("^t=(\\d{1,12}),(sha256=[0-9a-fA-F]{64})$");

    private TriggerSignature() {
    }

    /** The header value for this body at this time. */
    public static String sign(String secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + "," + new HmacSignature(secret).sign(signed(t, body));
    }

    /** True only for a signature of these exact bytes made with the secret within the tolerance of {@code now}. */
    public static boolean matches(String secret, byte[] body, String header, Instant now) {
        if (header == null) {
            return false;
        }
        Matcher m = HEADER.matcher(header.strip());
        if (!m.matches()) {
            return false;
        }
        long t = Long.parseLong(m.group(1));
        if (Math.abs(now.getEpochSecond() - t) > TOLERANCE.toSeconds()) {
            return false;
        }
        return new HmacSignature(secret).matches(signed(t, body), m.group(2));
    }

    /**
     * What names one signed call whatever the hex digits' case: a replay of the call has the same fingerprint. Call
     * only for a header that {@link #matches}.
     */
    public static String fingerprint(String header) {
        return header.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static byte[] signed(long t, byte[] body) {
        byte[] prefix = (t + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        return all;
    }
}
