package br.ft9.auth.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.MovableClock;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What stops working with time: an invitation after seven days, a reset link after an hour, a sign-in left unused for
 * thirty days. auth-service's clock is moved forward, as the calendar would, instead of rows being aged behind its back.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(SmtpServer.class)
class ExpiringLinksAndSignInsTest {

    private static final Pattern LINK = Pattern.compile("token=([A-Za-z0-9_-]{20,})");

    @Inject
    MovableClock clock;

    @AfterEach
    void putTheClockBack() {
        clock.reset();
    }

    private static String linkTokenMailedTo(String email) {
        String mail = await().atMost(Duration.ofSeconds(45)).until(() -> SmtpServer.mailTo(email).orElse(null), m -> m != null);
        Matcher matcher = LINK.matcher(mail);
        assertThat(matcher.find()).as("the mail carries a link").isTrue();
        return matcher.group(1);
    }

    private static String invite(String admin, String email) {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("email", email, "role", "ORG_AGENT"))
                .when().post("/api/users/invitations").then().statusCode(201);
        return linkTokenMailedTo(email);
    }

    private static int accept(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "a password of mine"))
                .when().post("/api/users/invitations/accept").then().extract().statusCode();
    }

    private static int login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/api/auth/login").then().extract().statusCode();
    }

    @Test
    void an_invitation_accepted_within_seven_days_works_and_one_a_day_later_is_refused() {
        String admin = TestTokens.member(UUID.randomUUID(), "ORG_ADMIN");
        String prompt = Accounts.uniqueEmail();
        String late = Accounts.uniqueEmail();
        String promptLink = invite(admin, prompt);
        String lateLink = invite(admin, late);

        clock.advance(Duration.ofDays(6).plusHours(23));
        assertThat(accept(promptLink)).isEqualTo(204);
        clock.advance(Duration.ofDays(1));
        given().contentType(ContentType.JSON).body(Map.of("token", lateLink, "password", "a password of mine"))
                .when().post("/api/users/invitations/accept").then().statusCode(400).body("field", equalTo("token"));

        clock.reset();
        assertThat(login(prompt, "a password of mine")).isEqualTo(200);
        assertThat(login(late, "a password of mine")).as("the late invitee has no password").isEqualTo(401);
    }

    @Test
    void a_password_reset_link_works_for_an_hour_and_not_after() {
        String email = Accounts.uniqueEmail();
        Accounts.create(UUID.randomUUID(), email, "ORG_AGENT", "ACTIVE");
        given().contentType(ContentType.JSON).body(Map.of("email", email)).when().post("/api/auth/password/forgot")
                .then().statusCode(202);
        String token = linkTokenMailedTo(email);

        clock.advance(Duration.ofMinutes(61));
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "a brand new password"))
                .when().post("/api/auth/password/reset").then().statusCode(400).body("field", equalTo("token"));

        clock.reset();
        assertThat(login(email, Accounts.PASSWORD)).as("the old password still opens the account").isEqualTo(200);
        assertThat(login(email, "a brand new password")).isEqualTo(401);
    }

    @Test
    void a_sign_in_left_unused_for_thirty_days_cannot_be_refreshed_and_a_new_one_can() {
        String email = Accounts.uniqueEmail();
        Accounts.create(UUID.randomUUID(), email, "ORG_AGENT", "ACTIVE");
        String refreshToken = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", Accounts.PASSWORD))
                .when().post("/api/auth/login").then().statusCode(200).extract().path("refreshToken");

        clock.advance(Duration.ofDays(30).plusMinutes(1));
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).when().post("/api/auth/refresh")
                .then().statusCode(401).body("detail", containsString("expired"));

        String signedInAgain = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", Accounts.PASSWORD))
                .when().post("/api/auth/login").then().statusCode(200).extract().path("refreshToken");
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", signedInAgain)).when().post("/api/auth/refresh")
                .then().statusCode(200);
    }
}
