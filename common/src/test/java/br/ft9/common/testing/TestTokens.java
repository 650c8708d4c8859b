package br.ft9.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;

/**
 * Signs access tokens in tests the way auth-service does (RS256, issuer, {@code org_id}, groups),
 * with a key pair made for this test run; the service under test verifies them with the public key.
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://auth.ft9.com.br";
    /** The audience every service requires (ft9.jwt.audience's default). */
    public static final String AUDIENCE = "ft9-platform";
    private static final KeyPair KEYS = generate();
    private static final Path PUBLIC_KEY = writePublicKey();

    @Override
    public Map<String, String> start() {
        // auth-service signs with the same pair in its tests; other services ignore the key.
        return Map.of("mp.jwt.verify.publickey.location", PUBLIC_KEY.toUri().toString(),
                "mp.jwt.verify.issuer", ISSUER,
                "ft9.jwt.private-key", privateKeyBase64(),
                "ft9.jwt.key-id", "test-key");
    }

    /** The signing key as auth-service reads it (PKCS#8, base64), for services started as processes. */
    public static String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded());
    }

    /** The trusted public key as auth-service's FT9_JWT_PREVIOUS_PUBLIC_KEYS takes it (X.509 SPKI, base64). */
    public static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    @Override
    public void stop() {
    }

    /** Where the PEM public key lies, for services started as processes. */
    public static Path publicKeyFile() {
        return PUBLIC_KEY;
    }

    /** A platform staff token: no organisation. */
    public static String superAdmin() {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(UUID.randomUUID().toString()).groups("SUPER_ADMIN")
                .claim("jti", UUID.randomUUID().toString()).expiresIn(900).sign(KEYS.getPrivate());
    }

    /** Signs the given claims with the trusted key, as auth-service would (RS256, kid {@code test-key}, the platform's audience). */
    public static String signTrusted(io.smallrye.jwt.build.JwtClaimsBuilder claims) {
        return signExactly(claims.audience(AUDIENCE));
    }

    /** Signs exactly the given claims with the trusted key (no audience added): for tokens that must be refused. */
    public static String signExactly(io.smallrye.jwt.build.JwtClaimsBuilder claims) {
        return claims.jws().keyId("test-key").sign(KEYS.getPrivate());
    }

    /** The trusted public key's PEM text: what an attacker would use as an HMAC secret. */
    public static String publicKeyPem() {
        try {
            return Files.readString(PUBLIC_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A well-formed SUPER_ADMIN token signed with a key the services do not trust. */
    public static String forgedSuperAdmin() {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(UUID.randomUUID().toString()).groups("SUPER_ADMIN")
                .expiresIn(900).sign(generate().getPrivate());
    }

    /** A token of a user with one role in one organisation. */
    public static String member(UUID orgId, String role) {
        return member(UUID.randomUUID(), orgId, role);
    }

    /** A token of a known user with one role in one organisation. */
    public static String member(UUID userId, UUID orgId, String role) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(userId.toString()).groups(role)
                .claim("org_id", orgId.toString()).claim("jti", UUID.randomUUID().toString())
                .expiresIn(900).sign(KEYS.getPrivate());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey() {
        try {
            Path file = Files.createTempFile("ft9-test-jwt", ".pem");
            file.toFile().deleteOnExit();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
