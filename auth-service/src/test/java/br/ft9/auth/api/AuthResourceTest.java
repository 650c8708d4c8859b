package br.ft9.auth.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Sign-in, tokens, refresh rotation, sign-out and the brute-force limits, on the real servers. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
class AuthResourceTest {

    @BeforeEach
    void forgetFailuresFromThisAddress() {
        // Every test signs in from 127.0.0.1; earlier runs' failures would otherwise add up.
        Arc.container().instance(RedisDataSource.class).get().key().del("ft9:login-failures:ip:127.0.0.1");
    }

    private static ExtractableResponse<Response> login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/api/auth/login").then().extract();
    }

    private static ExtractableResponse<Response> refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .when().post("/api/auth/refresh").then().extract();
    }

    @Test
    void the_right_password_gives_an_rs256_access_token_with_the_platform_claims_and_a_refresh_token() {
        UUID orgId = UUID.randomUUID();
        String email = Accounts.uniqueEmail();
        UUID userId = Accounts.create(orgId, email, "ORG_MANAGER", "ACTIVE");

        ExtractableResponse<Response> answer = login(email, Accounts.PASSWORD);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(answer.<String>path("tokenType")).isEqualTo("Bearer");
        assertThat(answer.<Integer>path("expiresIn")).isBetween(890, 900);
        assertThat(answer.<String>path("refreshToken")).hasSizeGreaterThanOrEqualTo(43);
        String accessToken = answer.path("accessToken");
        assertThat(Accounts.part(accessToken, 0)).containsEntry("alg", "RS256").containsEntry("kid", "test-key");
        Map<String, Object> claims = Accounts.part(accessToken, 1);
        assertThat(claims).containsEntry("iss", TestTokens.ISSUER).containsEntry("sub", userId.toString())
                .containsEntry("org_id", orgId.toString()).containsEntry("groups", List.of("ORG_MANAGER"))
                .containsKey("jti");
        assertThat(String.valueOf(claims.get("aud"))).as("the platform's audience").contains(TestTokens.AUDIENCE);
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(900);
    }

    @Test
    void the_access_token_opens_me_and_an_email_differing_in_case_and_spaces_signs_in() {
        UUID orgId = UUID.randomUUID();
        String email = Accounts.uniqueEmail();
        Accounts.create(orgId, email, "ORG_AGENT", "ACTIVE");

        String token = login("  " + email.toUpperCase() + " ", Accounts.PASSWORD).path("accessToken");

        given().auth().oauth2(token).when().get("/api/auth/me").then().statusCode(200)
                .body("email", equalTo(email)).body("orgId", equalTo(orgId.toString()))
                .body("role", equalTo("ORG_AGENT")).body("status", equalTo("ACTIVE"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("passwordHash")));
    }

    @Test
    void a_wrong_password_an_unknown_email_and_a_deactivated_account_get_the_same_answer() {
        String active = Accounts.uniqueEmail();
        Accounts.create(UUID.randomUUID(), active, "ORG_ADMIN", "ACTIVE");
        String deactivated = Accounts.uniqueEmail();
        Accounts.create(UUID.randomUUID(), deactivated, "ORG_ADMIN", "DEACTIVATED");

        List<ExtractableResponse<Response>> answers = List.of(login(active, "wrong password"),
                login(Accounts.uniqueEmail(), Accounts.PASSWORD), login(deactivated, Accounts.PASSWORD));

        for (ExtractableResponse<Response> answer : answers) {
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.<String>path("detail")).isEqualTo("invalid email or password");
        }
    }

    @Test
    void a_user_of_a_suspended_organisation_cannot_sign_in() {
        UUID orgId = UUID.randomUUID();
        String email = Accounts.uniqueEmail();
        Accounts.create(orgId, email, "ORG_ADMIN", "ACTIVE");
        Accounts.suspend(orgId);

        ExtractableResponse<Response> answer = login(email, Accounts.PASSWORD);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.<String>path("detail")).contains("suspended");
    }

    @Test
    void a_refresh_token_works_once_and_its_reuse_revokes_the_whole_sign_in() {
        String email = Accounts.uniqueEmail();
        Accounts.create(UUID.randomUUID(), email, "ORG_AGENT", "ACTIVE");
        ExtractableResponse<Response> signIn = login(email, Accounts.PASSWORD);
        String first = signIn.path("refreshToken");
        String firstAccess = signIn.path("accessToken");

        ExtractableResponse<Response> rotated = refresh(first);
        assertThat(rotated.statusCode()).isEqualTo(200);
        String second = rotated.path("refreshToken");
        assertThat(second).isNotEqualTo(first);
        assertThat(rotated.<String>path("accessToken")).isNotBlank();

        ExtractableResponse<Response> reuse = refresh(first);
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(reuse.<String>path("detail")).contains("already used");
        assertThat(refresh(second).statusCode()).as("the family is revoked, so the newest token fails too").isEqualTo(401);
        given().auth().oauth2(firstAccess).when().get("/api/auth/me").then().statusCode(401);
        given().auth().oauth2(rotated.<String>path("accessToken")).when().get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void an_unknown_refresh_token_is_refused() {
        assertThat(refresh("not-a-token-we-ever-issued").statusCode()).isEqualTo(401);
    }

    @Test
    void logout_revokes_the_access_token_and_the_sign_ins_refresh_token() {
        String email = Accounts.uniqueEmail();
        Accounts.create(UUID.randomUUID(), email, "ORG_AGENT", "ACTIVE");
        ExtractableResponse<Response> tokens = login(email, Accounts.PASSWORD);
        String access = tokens.path("accessToken");
        String refreshToken = tokens.path("refreshToken");

        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .when().post("/api/auth/logout").then().statusCode(204);

        given().auth().oauth2(access).when().get("/api/auth/me").then().statusCode(401)
                .body("detail", containsString("revoked"));
        assertThat(refresh(refreshToken).statusCode()).isEqualTo(401);
    }

    @Test
    void the_refresh_token_of_a_signed_out_sign_in_presented_again_is_refused_and_her_other_sign_ins_go_on() {
        String email = Accounts.uniqueEmail();
        Accounts.create(UUID.randomUUID(), email, "ORG_AGENT", "ACTIVE");
        ExtractableResponse<Response> phone = login(email, Accounts.PASSWORD);
        ExtractableResponse<Response> laptop = login(email, Accounts.PASSWORD);
        given().auth().oauth2(laptop.<String>path("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", laptop.<String>path("refreshToken"))).when().post("/api/auth/logout")
                .then().statusCode(204);

        // The laptop's console had a request in flight when it signed out: its 401 tries the refresh token once more.
        ExtractableResponse<Response> late = refresh(laptop.path("refreshToken"));
        assertThat(late.statusCode()).isEqualTo(401);
        assertThat(late.<String>path("detail")).contains("ended");

        given().auth().oauth2(phone.<String>path("accessToken")).when().get("/api/auth/me").then().statusCode(200);
        assertThat(refresh(phone.path("refreshToken")).statusCode()).isEqualTo(200);
    }

    @Test
    void logout_without_a_refresh_token_ends_every_sign_in_of_the_user() {
        String email = Accounts.uniqueEmail();
        Accounts.create(UUID.randomUUID(), email, "ORG_AGENT", "ACTIVE");
        ExtractableResponse<Response> phoneSignIn = login(email, Accounts.PASSWORD);
        String phone = phoneSignIn.path("refreshToken");
        String laptopAccess = login(email, Accounts.PASSWORD).path("accessToken");

        given().auth().oauth2(laptopAccess).contentType(ContentType.JSON).when().post("/api/auth/logout")
                .then().statusCode(204);

        assertThat(refresh(phone).statusCode()).isEqualTo(401);
        given().auth().oauth2(phoneSignIn.<String>path("accessToken")).when().get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void after_five_failures_an_account_is_refused_with_429_and_retry_after_even_with_the_right_password() {
        String email = Accounts.uniqueEmail();
        Accounts.create(UUID.randomUUID(), email, "ORG_AGENT", "ACTIVE");
        for (int i = 0; i < 5; i++) {
            assertThat(login(email, "guess-" + i).statusCode()).isEqualTo(401);
        }

        ExtractableResponse<Response> blocked = login(email, Accounts.PASSWORD);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(blocked.header("Retry-After"))).isBetween(1, 900);
    }

    private static ExtractableResponse<Response> loginFrom(String forwardedFor, String email, String password) {
        return given().header("X-Forwarded-For", forwardedFor).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).when().post("/api/auth/login").then().extract();
    }

    private static Long failuresOf(String address) {
        return Arc.container().instance(RedisDataSource.class).get().value(Long.class).get("ft9:login-failures:ip:" + address);
    }

    @Test
    void an_address_over_its_failure_limit_is_slowed_down_but_a_correct_password_from_it_still_signs_in() {
        String client = "203.0.113." + (1 + new java.util.Random().nextInt(250));
        Arc.container().instance(RedisDataSource.class).get().key().del("ft9:login-failures:ip:" + client);
        for (int i = 0; i < 20; i++) {
            assertThat(loginFrom(client, Accounts.uniqueEmail(), "guess").statusCode()).isEqualTo(401);
        }
        String email = Accounts.uniqueEmail();
        Accounts.create(UUID.randomUUID(), email, "ORG_AGENT", "ACTIVE");

        long started = System.nanoTime();
        ExtractableResponse<Response> answer = loginFrom(client, email, Accounts.PASSWORD);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("held back for the address's failures")
                .isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(loginFrom(client, Accounts.uniqueEmail(), "guess").statusCode()).as("a wrong one: refused, not locked out")
                .isEqualTo(401);
    }

    @Test
    void behind_the_trusted_ingress_failures_count_against_the_client_not_the_ingress() {
        String client = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        Long ingressBefore = failuresOf("127.0.0.1");

        loginFrom(client, Accounts.uniqueEmail(), "guess");

        assertThat(failuresOf(client)).isEqualTo(1L);
        assertThat(failuresOf("127.0.0.1")).isEqualTo(ingressBefore);
    }

    @Test
    void a_forwarded_address_from_a_caller_that_is_not_the_ingress_is_not_believed() throws Exception {
        String claimed = "192.0.2." + (1 + new java.util.Random().nextInt(250));
        String body = "{\"email\":\"" + Accounts.uniqueEmail() + "\",\"password\":\"guess\"}";
        Long before = failuresOf("127.0.0.2");
        int port = io.restassured.RestAssured.port;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress("127.0.0.2", 0)); // not a trusted proxy
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Forwarded-For: " + claimed + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
            assertThat(status).contains("401");
        }
        assertThat(failuresOf(claimed)).isNull();
        assertThat(failuresOf("127.0.0.2")).isEqualTo(before == null ? 1L : before + 1);
    }

    @Test
    void the_jwks_publishes_the_signing_keys_public_half() throws Exception {
        Map<String, String> jwk = given().when().get("/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", containsString("max-age"))
                .extract().jsonPath().getMap("keys[0]");
        assertThat(jwk).containsEntry("kty", "RSA").containsEntry("kid", "test-key").containsEntry("alg", "RS256")
                .containsEntry("use", "sig");
        RSAPublicKey published = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n"))),
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e")))));
        assertThat(published.getEncoded()).isEqualTo(
                Base64.getMimeDecoder().decode(java.nio.file.Files.readString(TestTokens.publicKeyFile())
                        .replaceAll("-----[A-Z ]+-----", "")));
    }

    @Test
    void bad_sign_in_bodies_get_400_problems_naming_the_field() {
        given().contentType(ContentType.JSON).body("{\"email\": \"a@b.c\", ").when().post("/api/auth/login")
                .then().statusCode(400).contentType(containsString("application/problem+json"));
        given().contentType(ContentType.JSON).body(Map.of("email", "a@b.example")).when().post("/api/auth/login")
                .then().statusCode(400).body("violations[0].field", equalTo("password"));
        given().contentType(ContentType.JSON).body(Map.of("email", "a@b.example", "password", "x".repeat(1025)))
                .when().post("/api/auth/login").then().statusCode(400).body("violations[0].field", equalTo("password"));
        given().contentType(ContentType.JSON).body(Map.of("email", "x".repeat(250) + "@b.example", "password", "p"))
                .when().post("/api/auth/login").then().statusCode(400).body("violations[0].field", equalTo("email"));
        given().contentType(ContentType.JSON).body(Map.of("email", "a@b.example", "password", "p", "admin", true))
                .when().post("/api/auth/login").then().statusCode(400).body("detail", notNullValue());
        given().contentType(ContentType.TEXT).body("email=a@b.example").when().post("/api/auth/login")
                .then().statusCode(415);
    }

    @Test
    void a_console_sign_in_keeps_the_refresh_token_in_an_http_only_strict_cookie_that_refreshes_rotates_and_signs_out() {
        String email = Accounts.uniqueEmail();
        Accounts.create(UUID.randomUUID(), email, "ORG_AGENT", "ACTIVE");
        ExtractableResponse<Response> signIn = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Accounts.PASSWORD, "refreshTokenIn", "COOKIE"))
                .when().post("/api/auth/login").then().statusCode(200).extract();
        assertThat(signIn.<String>path("refreshToken")).as("no script ever sees it").isNull();
        assertThat(signIn.header("Set-Cookie")).contains("ft9_refresh=").contains("HttpOnly").contains("Path=/api/auth")
                .containsIgnoringCase("SameSite=Strict").doesNotContain("Secure");
        String first = signIn.cookie("ft9_refresh");

        ExtractableResponse<Response> refreshed = given().contentType(ContentType.JSON).cookie("ft9_refresh", first).body("{}")
                .when().post("/api/auth/refresh").then().statusCode(200).extract();
        assertThat(refreshed.<String>path("accessToken")).isNotBlank();
        assertThat(refreshed.<String>path("refreshToken")).isNull();
        String second = refreshed.cookie("ft9_refresh");
        assertThat(second).as("rotated").isNotBlank().isNotEqualTo(first);

        given().contentType(ContentType.JSON).body("{}").when().post("/api/auth/refresh")
                .then().statusCode(400).body("field", org.hamcrest.Matchers.equalTo("refreshToken"));

        String setCookie = given().auth().oauth2(refreshed.<String>path("accessToken")).cookie("ft9_refresh", second)
                .contentType(ContentType.JSON).body("{}").when().post("/api/auth/logout")
                .then().statusCode(204).extract().header("Set-Cookie");
        assertThat(setCookie).as("the browser forgets it").contains("ft9_refresh=").containsIgnoringCase("Max-Age=0");
        given().contentType(ContentType.JSON).cookie("ft9_refresh", second).body("{}")
                .when().post("/api/auth/refresh").then().statusCode(401);
    }

    private static ExtractableResponse<Response> serviceToken(String clientId, String secret, UUID orgId) {
        return given().contentType(ContentType.JSON).body(Map.of("clientId", clientId, "clientSecret", secret, "orgId", orgId))
                .when().post("/api/auth/service-token").then().extract();
    }

    @Test
    void a_platform_service_with_its_secret_gets_a_short_lived_service_token_for_one_organisation() {
        UUID orgId = Accounts.openOrganization(UUID.randomUUID());

        ExtractableResponse<Response> answer = serviceToken("flow-service", "test-flow-client-secret", orgId);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(answer.<String>path("refreshToken")).isNull();
        Map<String, Object> claims = Accounts.part(answer.path("accessToken"), 1);
        assertThat(claims).containsEntry("sub", "flow-service").containsEntry("org_id", orgId.toString())
                .containsEntry("groups", List.of("SERVICE"));
    }

    @Test
    void a_wrong_or_unknown_service_secret_is_refused_and_a_suspended_organisation_gets_no_service_token() {
        UUID orgId = Accounts.openOrganization(UUID.randomUUID());

        assertThat(serviceToken("flow-service", "not-the-secret", orgId).statusCode()).isEqualTo(401);
        assertThat(serviceToken("memory-service", "test-flow-client-secret", orgId).statusCode()).isEqualTo(401);
        Accounts.suspend(orgId);
        ExtractableResponse<Response> suspended = serviceToken("flow-service", "test-flow-client-secret", orgId);
        assertThat(suspended.statusCode()).isEqualTo(403);
        assertThat(suspended.contentType()).contains("application/problem+json");
    }

    @Test
    void a_service_token_is_issued_only_for_an_organisation_tenant_service_opened_and_not_after_its_deletion() {
        UUID orgId = UUID.randomUUID();
        ExtractableResponse<Response> unknown = serviceToken("flow-service", "test-flow-client-secret", orgId);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.<String>path("detail")).contains("orgId");

        String data = "{\"orgId\":\"" + orgId + "\",\"name\":\"Clínica\"}";
        try (br.ft9.common.testing.CloudEventSender sender = new br.ft9.common.testing.CloudEventSender()) {
            sender.send("ft9.tenant.events", orgId.toString(), UUID.randomUUID().toString(),
                    "ft9.tenant.organization.created.v1", "tenant-service", orgId.toString(), data);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> serviceToken("flow-service", "test-flow-client-secret", orgId).statusCode() == 200);
            sender.send("ft9.tenant.events", orgId.toString(), UUID.randomUUID().toString(),
                    "ft9.tenant.organization.deleted.v1", "tenant-service", orgId.toString(), data);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> serviceToken("flow-service", "test-flow-client-secret", orgId).statusCode() == 404);
        }
    }

    @Test
    void a_service_token_is_refused_by_the_users_own_operations_with_a_problem_not_a_server_error() {
        String service = serviceToken("flow-service", "test-flow-client-secret", Accounts.openOrganization(UUID.randomUUID()))
                .path("accessToken");

        given().auth().oauth2(service).when().get("/api/auth/me").then().statusCode(403)
                .contentType(org.hamcrest.Matchers.containsString("application/problem+json"));
        given().auth().oauth2(service).contentType(ContentType.JSON).body("{}").when().post("/api/auth/logout").then().statusCode(403);
    }

    @Test
    void guessing_a_service_secret_slows_the_guesser_down() {
        String guesser = "203.0.113." + (1 + new java.util.Random().nextInt(250));
        Arc.container().instance(RedisDataSource.class).get().key().del("ft9:login-failures:ip:service-token:" + guesser);
        UUID orgId = Accounts.openOrganization(UUID.randomUUID());
        java.util.function.Function<String, Integer> attempt = secret -> given().header("X-Forwarded-For", guesser)
                .contentType(ContentType.JSON).body(Map.of("clientId", "flow-service", "clientSecret", secret, "orgId", orgId))
                .when().post("/api/auth/service-token").then().extract().statusCode();
        for (int i = 0; i < 20; i++) {
            assertThat(attempt.apply("guess-" + i)).isEqualTo(401);
        }
        long started = System.nanoTime();
        assertThat(attempt.apply("guess-21")).isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(attempt.apply("test-flow-client-secret")).as("the real service is slowed, not locked out").isEqualTo(200);
    }
}
