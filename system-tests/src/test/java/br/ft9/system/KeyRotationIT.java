package br.ft9.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.common.security.SecretBox;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.smallrye.jwt.build.Jwt;

/**
 * Each key rotated on services running as processes, as deploy/local/rotate.sh does it: the JWT signing key (nobody is
 * signed out: tokens signed before still work, the new key's are accepted by a verifier that was not restarted), the
 * channel-token key (every stored access token sealed again, in tenant-service and in the gateway), and Meta's app
 * secret (the old and the new one accepted during the window).
 */
class KeyRotationIT {

    private static final String PASSWORD = "uma senha longa de teste";
    private static final String TOKEN = "EAAG-console-test-token-0001"; // what Clinics.connect gives Meta's token as
    private static final String OLD_CHANNEL_KEY = aesKey();
    private static final String NEW_CHANNEL_KEY = aesKey();
    private static final String OLD_APP_SECRET = "old-app-secret-" + UUID.randomUUID();
    private static final String NEW_APP_SECRET = "new-app-secret-" + UUID.randomUUID();
    private static ServiceProcess auth;
    private static ServiceProcess tenant;
    private static ServiceProcess gateway;

    @BeforeAll
    static void startTheServicesWithTheirFirstKeys() {
        assertThat(RealInfrastructure.missing(System.getenv())).as("servers the services need").isEmpty();
        auth = ServiceProcess.launch("auth-service", Map.of("FT9_JWT_PRIVATE_KEY", TestTokens.privateKeyBase64(),
                "FT9_JWT_KEY_ID", "test-key", "FT9_BCRYPT_COST", "10"));
        tenant = ServiceProcess.launch("tenant-service", Map.of("FT9_CHANNEL_TOKEN_KEY", OLD_CHANNEL_KEY));
        ServiceProcess.awaitReady(auth, tenant);
        gateway = ServiceProcess.start("whatsapp-gateway", gatewayEnv(Map.of()));
    }

    /** The gateway verifies tokens with auth-service's published key set, as in production. */
    private static Map<String, String> gatewayEnv(Map<String, String> rotated) {
        Map<String, String> env = new HashMap<>(Map.of("FT9_JWKS_URL", auth.uri("/.well-known/jwks.json").toString(),
                "WHATSAPP_APP_SECRET", OLD_APP_SECRET, "FT9_CHANNEL_TOKEN_KEY", OLD_CHANNEL_KEY, "WHATSAPP_OUTBOUND_DELIVERY", "local"));
        env.putAll(rotated);
        return env;
    }

    @AfterAll
    static void stopThem() {
        ServiceProcess.closeAll(gateway, tenant, auth);
    }

    @Test
    void every_key_is_rotated_without_signing_anyone_out_or_refusing_meta() throws Exception {
        UUID orgId = Clinics.open(tenant.uri(""), "Clínica Rotação");
        String email = "rotacao-" + UUID.randomUUID() + "@clinica.example";
        Clinics.member(orgId, email, "Rita Recepção", "ORG_AGENT", PASSWORD);
        JsonNode before = login(email);
        String phone = Clinics.connect(tenant.uri(""), orgId);
        await().atMost(Duration.ofSeconds(30)).until(() -> sealedIn("gateway", "channel", "access_token_sealed", phone) != null);
        assertThat(conversations(before.path("accessToken").asText())).isEqualTo(200);
        assertThat(Clinics.writes(gateway.uri(""), OLD_APP_SECRET, phone, Clinics.patient(), "Ana", "Bom dia")).isEqualTo(200);

        // 1. The JWT signing key: auth-service alone restarts with a new key, the old one published as previous.
        KeyPair next = rsa();
        auth = auth.restartedWith(Map.of("FT9_JWT_PRIVATE_KEY", Base64.getEncoder().encodeToString(next.getPrivate().getEncoded()),
                "FT9_JWT_KEY_ID", "rotated-key", "FT9_JWT_PREVIOUS_PUBLIC_KEYS", "test-key=" + TestTokens.publicKeyBase64(),
                "FT9_BCRYPT_COST", "10"));
        assertThat(conversations(before.path("accessToken").asText())).as("a token signed before the rotation").isEqualTo(200);
        JsonNode after = login(email);
        assertThat(header(after.path("accessToken").asText()).path("kid").asText()).isEqualTo("rotated-key");
        assertThat(conversations(after.path("accessToken").asText())).as("the new key's token, at a gateway not restarted")
                .isEqualTo(200);
        JsonNode refreshed = Clinics.JSON.readTree(post(auth.uri("/api/auth/refresh"),
                "{\"refreshToken\":\"" + before.path("refreshToken").asText() + "\"}").body());
        assertThat(conversations(refreshed.path("accessToken").asText())).as("the sign-in made before the rotation goes on")
                .isEqualTo(200);
        String forged = Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).subject(UUID.randomUUID().toString())
                .groups("ORG_AGENT").claim("org_id", orgId.toString()).jws().keyId("rotated-key").sign(rsa().getPrivate());
        assertThat(conversations(forged)).as("a token naming the new kid but signed by another key").isEqualTo(401);

        // 2. The channel-token key and 3. Meta's app secret: tenant-service and the gateway restart with the new ones.
        assertThatThrownBy(() -> new SecretBox(NEW_CHANNEL_KEY).decrypt(sealedIn("tenant", "whatsapp_channel",
                "access_token_encrypted", phone))).isInstanceOf(IllegalArgumentException.class);
        Map<String, String> rotatedChannelKey = Map.of("FT9_CHANNEL_TOKEN_KEY", NEW_CHANNEL_KEY, "FT9_CHANNEL_TOKEN_PREVIOUS_KEYS",
                OLD_CHANNEL_KEY);
        Map<String, String> rotatedGateway = new HashMap<>(rotatedChannelKey);
        rotatedGateway.putAll(Map.of("WHATSAPP_APP_SECRET", NEW_APP_SECRET, "WHATSAPP_APP_SECRET_PREVIOUS", OLD_APP_SECRET,
                "WHATSAPP_APP_SECRET_PREVIOUS_UNTIL", Instant.now().plus(Duration.ofHours(1)).toString()));
        tenant = tenant.relaunchedWith(rotatedChannelKey);
        gateway = gateway.relaunchedWith(gatewayEnv(rotatedGateway));
        ServiceProcess.awaitReady(tenant, gateway);
        for (String[] store : new String[][] { { "tenant", "whatsapp_channel", "access_token_encrypted" },
                { "gateway", "channel", "access_token_sealed" } }) {
            await(store[0] + "'s token sealed again").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(new SecretBox(NEW_CHANNEL_KEY).decrypt(sealedIn(store[0], store[1], store[2], phone))).isEqualTo(TOKEN));
        }
        assertThat(Clinics.writes(gateway.uri(""), OLD_APP_SECRET, phone, Clinics.patient(), "Bia", "Oi")).as("old secret, in the window")
                .isEqualTo(200);
        assertThat(Clinics.writes(gateway.uri(""), NEW_APP_SECRET, phone, Clinics.patient(), "Caio", "Oi")).isEqualTo(200);
        assertThat(Clinics.writes(gateway.uri(""), "a guess", phone, Clinics.patient(), "Dora", "Oi")).isEqualTo(401);
        assertThat(conversations(before.path("accessToken").asText())).as("the first token, at the restarted gateway").isEqualTo(200);
        assertThat(Database.value("gateway", "select count(*)::text from message where org_id = ?::uuid and direction = 'IN'",
                orgId.toString())).as("every accepted webhook's message kept").isEqualTo("3");
    }

    private JsonNode login(String email) throws Exception {
        HttpResponse<String> answer = post(auth.uri("/api/auth/login"), "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Clinics.JSON.readTree(answer.body());
    }

    private static HttpResponse<String> post(URI uri, String json) throws Exception {
        return Clinics.HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int conversations(String token) throws Exception {
        return Clinics.HTTP.send(HttpRequest.newBuilder(gateway.uri("/api/conversations")).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode header(String jwt) throws Exception {
        return Clinics.JSON.readTree(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))));
    }

    private static String sealedIn(String schema, String table, String column, String phone) throws Exception {
        return Database.value(schema, "select " + column + " from " + table + " where phone_number_id = ?", phone);
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String aesKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
