package br.ft9.auth.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The RSA key that signs access tokens, and the public keys published as JWKS: the current one and,
 * after a rotation, the previous ones until the tokens they signed have expired.
 */
@ApplicationScoped
public class SigningKeys {

    private final PrivateKey privateKey;
    private final String keyId;
    private final Map<String, RSAPublicKey> published = new LinkedHashMap<>();

    public SigningKeys(@ConfigProperty(name = "ft9.jwt.private-key") Optional<String> privateKey,
            @ConfigProperty(name = "ft9.jwt.private-key-file") Optional<String> privateKeyFile,
            @ConfigProperty(name = "ft9.jwt.key-id") String keyId,
            @ConfigProperty(name = "ft9.jwt.previous-public-keys") Optional<List<String>> previousKeys) {
        String encoded = privateKey.filter(k -> !k.isBlank())
                .or(() -> privateKeyFile.filter(f -> !f.isBlank()).map(SigningKeys::read))
                .orElseThrow(() -> new IllegalStateException(
                        "auth-service needs its signing key: set FT9_JWT_PRIVATE_KEY (PKCS#8, base64 or PEM) or FT9_JWT_PRIVATE_KEY_FILE"));
        try {
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(der(encoded)));
            this.privateKey = key;
            this.keyId = keyId;
            published.put(keyId, (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
            for (String entry : previousKeys.orElse(List.of())) {
                int eq = entry.indexOf('=');
                if (eq < 1) {
                    throw new IllegalStateException("FT9_JWT_PREVIOUS_PUBLIC_KEYS entries are kid=base64-spki");
                }
                published.put(entry.substring(0, eq).strip(), (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(der(entry.substring(eq + 1)))));
            }
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("the JWT signing key is not an RSA PKCS#8 key", e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The JSON Web Key Set (RFC 7517) of every key whose tokens may still be in use. */
    public Map<String, Object> jwks() {
        List<Map<String, String>> keys = new ArrayList<>();
        published.forEach((kid, key) -> {
            Map<String, String> jwk = new LinkedHashMap<>();
            jwk.put("kty", "RSA");
            jwk.put("kid", kid);
            jwk.put("use", "sig");
            jwk.put("alg", "RS256");
            jwk.put("n", base64Url(key.getModulus()));
            jwk.put("e", base64Url(key.getPublicExponent()));
            keys.add(jwk);
        });
        return Map.of("keys", keys);
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length); // unsigned big-endian, as JWK wants
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] der(String encoded) {
        String body = encoded.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read FT9_JWT_PRIVATE_KEY_FILE " + file, e);
        }
    }
}
