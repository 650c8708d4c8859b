package br.ft9.common.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook's signature header: {@code sha256=} + hex HMAC-SHA256 of the raw request body with a shared secret,
 * compared in constant time before anything is parsed. Meta's {@code X-Hub-Signature-256} (with the app secret) and
 * flow-service's {@code X-FT9-Signature} (with an automation's secret) are both this.
 */
public final class HmacSignature {

    private final byte[] secret;

    /** {@code secretName} names the secret in the error when it is missing (the variable an operator must set). */
    public HmacSignature(String secret, String secretName) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException(secretName + " is not set: signatures cannot be verified");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public HmacSignature(String secret) {
        this(secret, "the signing secret");
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
