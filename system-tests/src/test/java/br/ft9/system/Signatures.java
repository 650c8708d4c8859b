package br.ft9.system;

import java.nio.charset.StandardCharsets;

import br.ft9.common.security.HmacSignature;

/** The signed headers of the webhooks the system tests call: Stripe's and flow-service's triggers (time and body signed). */
final class Signatures {

    private Signatures() {
    }

    /** {@code Stripe-Signature}: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>">}, as Stripe sends it. */
    static String stripe(String secret, long t, String payload) {
        String hmac = new HmacSignature(secret).sign((t + "." + payload).getBytes(StandardCharsets.UTF_8));
        return "t=" + t + ",v1=" + hmac.substring("sha256=".length());
    }

    /** flow-service's {@code X-FT9-Signature}: {@code t=<unix seconds>,sha256=<hex HMAC-SHA256 of "<t>.<body>">}. */
    static String flowTrigger(String secret, long t, String body) {
        return "t=" + t + "," + new HmacSignature(secret).sign((t + "." + body).getBytes(StandardCharsets.UTF_8));
    }
}
