package br.ft9.gateway.infra;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's {@code X-Hub-Signature-256}: {@code sha256=} + hex HMAC-SHA256 of the raw request body with
 * the app secret, compared in constant time before anything is parsed.
 */
public final class WebhookSignature {

    private final byte[] secret;

    public WebhookSignature(String appSecret) {
        if (appSecret == null || appSecret.isBlank()) {
            throw new IllegalStateException("WHATSAPP_APP_SECRET is not set: Meta's webhooks cannot be verified");
        }
        this.secret = appSecret.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True only for the exact signature of these bytes; a missing header is never valid. */
    public boolean matches(byte[] body, String header) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        return MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII),
                header.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
