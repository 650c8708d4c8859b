package br.ft9.common.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts small secrets at rest (WhatsApp access tokens) with AES-256-GCM under a key from
 * configuration. The stored form is {@code v1:base64(iv || ciphertext+tag)}. tenant-service encrypts,
 * whatsapp-gateway decrypts. A rotation names the new key current and keeps the old ones as previous keys: what they
 * sealed still opens (GCM's tag tells which key fits) until every stored secret is sealed again with the current one.
 */
public final class SecretBox {

    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final java.util.List<SecretKey> previous;

    /** @param base64Key 32 random bytes, base64 (local: FT9_CHANNEL_TOKEN_KEY in deploy/local/local.env) */
    public SecretBox(String base64Key) {
        this(base64Key, java.util.List.of());
    }

    /** With the keys of earlier rotations (FT9_CHANNEL_TOKEN_PREVIOUS_KEYS), which only open. */
    public SecretBox(String base64Key, java.util.List<String> previousKeys) {
        this.key = key(base64Key, "FT9_CHANNEL_TOKEN_KEY");
        this.previous = previousKeys.stream().filter(k -> k != null && !k.isBlank())
                .map(k -> key(k, "FT9_CHANNEL_TOKEN_PREVIOUS_KEYS")).toList();
    }

    private static SecretKey key(String base64Key, String variable) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalStateException(variable + " is not set: 32 random bytes, base64");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + " is not base64: 32 random bytes, base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(variable + " must be 32 bytes (base64), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public String encrypt(String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    /** The secret; fails if the text was sealed with none of the keys (current or previous) or was altered. */
    public String decrypt(String stored) {
        String opened = open(stored, key);
        for (int i = 0; opened == null && i < previous.size(); i++) {
            opened = open(stored, previous.get(i));
        }
        if (opened == null) {
            throw new IllegalArgumentException("the sealed secret does not open with this key");
        }
        return opened;
    }

    /** Whether the stored secret is sealed with the current key (a rotation is complete when every one is). */
    public boolean sealedWithCurrentKey(String stored) {
        return open(stored, key) != null;
    }

    /** The stored secret sealed again with the current key (unchanged if it already is). */
    public String reseal(String stored) {
        return sealedWithCurrentKey(stored) ? stored : encrypt(decrypt(stored));
    }

    private static String open(String stored, SecretKey with) {
        if (stored == null || !stored.startsWith(VERSION)) {
            throw new IllegalArgumentException("not a v1 sealed secret");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, with, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            return null; // another key sealed it, or it was altered
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the sealed secret is damaged", e);
        }
    }
}
