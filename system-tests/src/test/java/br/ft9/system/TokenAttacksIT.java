package br.ft9.system;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.TestTokens;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;

/**
 * auth-service issues tokens; tenant-service, a second service, verifies them through auth-service's
 * JWKS over HTTP and refuses every forged kind with 401.
 */
class TokenAttacksIT {

    private static final String PASSWORD = "it-super-admin-password";
    private static ServiceProcess auth;
    private static ServiceProcess tenant;
    private static String email;

    @BeforeAll
    static void startServices() throws Exception {
        auth = ServiceProcess.launch("auth-service", Map.of(
                "FT9_JWT_PRIVATE_KEY", TestTokens.privateKeyBase64(), "FT9_JWT_KEY_ID", "test-key",
                "FT9_BCRYPT_COST", "10"));
        tenant = ServiceProcess.launch("tenant-service", Map.of(
                "FT9_JWKS_URL", auth.uri("/.well-known/jwks.json").toString()));
        ServiceProcess.awaitReady(auth, tenant);
        email = "root-" + UUID.randomUUID().toString().substring(0, 8) + "@ft9.example";
        Database.update("auth", "insert into user_account (id, org_id, email, password_hash, role, status, created_at, updated_at)"
                + " values (?, null, ?, ?, 'SUPER_ADMIN', 'ACTIVE', now(), now())",
                UUID.randomUUID(), email, BcryptUtil.bcryptHash(PASSWORD, 10));
    }

    @AfterAll
    static void stopServices() {
        ServiceProcess.closeAll(tenant, auth);
    }

    private static String signIn() {
        return given().baseUri(auth.uri("").toString()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD))
                .when().post("/api/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    /** Opens an organisation at tenant-service with the given bearer token (or none). */
    private static ValidatableResponse openOrganisation(String token) {
        var request = given().baseUri(tenant.uri("").toString()).contentType(ContentType.JSON)
                .body(Map.of("name", "Clínica Teste", "slug", "it-" + UUID.randomUUID().toString().substring(0, 8)));
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.when().post("/api/organizations").then();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String payloadOf(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    @Test
    void a_token_issued_by_auth_service_is_accepted_by_tenant_service() {
        openOrganisation(signIn()).statusCode(201);
    }

    @Test
    void no_token_is_refused() {
        openOrganisation(null).statusCode(401);
    }

    @Test
    void an_unsigned_alg_none_token_is_refused() {
        String real = signIn();
        String forged = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + real.split("\\.")[1] + ".";
        openOrganisation(forged).statusCode(401);
    }

    @Test
    void an_hs256_token_keyed_with_the_public_key_is_refused() throws Exception {
        String real = signIn();
        String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"test-key\"}") + "." + real.split("\\.")[1];
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestTokens.publicKeyPem().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        openOrganisation(signingInput + "." + signature).statusCode(401);
    }

    @Test
    void an_expired_token_signed_with_the_real_key_is_refused() {
        long past = OffsetDateTime.now().minusHours(1).toEpochSecond();
        String expired = TestTokens.signTrusted(Jwt.issuer(TestTokens.ISSUER).subject(UUID.randomUUID().toString())
                .groups("SUPER_ADMIN").claim("jti", UUID.randomUUID().toString()).issuedAt(past - 900).expiresAt(past));
        openOrganisation(expired).statusCode(401);
    }

    @Test
    void a_token_from_another_issuer_signed_with_the_real_key_is_refused() {
        String wrongIssuer = TestTokens.signTrusted(Jwt.issuer("https://evil.example").subject(UUID.randomUUID().toString())
                .groups("SUPER_ADMIN").claim("jti", UUID.randomUUID().toString()).expiresIn(900));
        openOrganisation(wrongIssuer).statusCode(401);
    }

    @Test
    void a_token_whose_claims_were_edited_after_signing_is_refused() {
        UUID orgId = UUID.randomUUID();
        String agent = TestTokens.signTrusted(Jwt.issuer(TestTokens.ISSUER).subject(UUID.randomUUID().toString())
                .groups("ORG_AGENT").claim("org_id", orgId.toString()).claim("jti", UUID.randomUUID().toString())
                .expiresIn(900));
        openOrganisation(agent).statusCode(403); // the honest token: a valid agent, not allowed here
        String[] parts = agent.split("\\.");
        String escalated = parts[0] + "." + b64(payloadOf(agent).replace("ORG_AGENT", "SUPER_ADMIN")) + "." + parts[2];
        openOrganisation(escalated).statusCode(401);
    }

    @Test
    void a_token_signed_by_another_key_is_refused() {
        openOrganisation(TestTokens.forgedSuperAdmin()).statusCode(401);
    }

    @Test
    void a_token_revoked_at_logout_is_refused_by_the_other_service_too() {
        String token = signIn();
        openOrganisation(token).statusCode(201);
        given().baseUri(auth.uri("").toString()).auth().oauth2(token).contentType(ContentType.JSON)
                .when().post("/api/auth/logout")
                .then().statusCode(204);
        openOrganisation(token).statusCode(401);
    }
}
