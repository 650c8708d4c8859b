package br.ft9.auth.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A forgotten password, a changed one, and the names colleagues see. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(SmtpServer.class)
class PasswordsAndNamesTest {

    private static final Pattern RESET = Pattern.compile("/password/reset\\?token=([A-Za-z0-9_-]{20,})");

    private static int login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/api/auth/login").then().extract().statusCode();
    }

    private static void forgot(String email) {
        given().contentType(ContentType.JSON).body(Map.of("email", email)).when().post("/api/auth/password/forgot")
                .then().statusCode(202);
    }

    @Test
    void a_forgotten_password_is_chosen_again_through_a_mailed_link_that_works_once_and_tells_nobody_who_has_an_account() {
        String email = Accounts.uniqueEmail();
        String nobody = Accounts.uniqueEmail();
        Accounts.create(UUID.randomUUID(), email, "ORG_AGENT", "ACTIVE");

        forgot(nobody);
        forgot(email);
        forgot(email); // asked twice at once: one mail

        String mail = await().atMost(Duration.ofSeconds(15)).until(() -> SmtpServer.mailTo(email).orElse(null), m -> m != null);
        Matcher link = RESET.matcher(mail);
        assertThat(link.find()).as("the mail carries the link").isTrue();
        assertThat(SmtpServer.mailsTo(email)).hasSize(1);
        assertThat(SmtpServer.mailTo(nobody)).as("an address without an account gets nothing").isEmpty();

        given().contentType(ContentType.JSON).body(Map.of("token", link.group(1), "password", "a brand new password"))
                .when().post("/api/auth/password/reset").then().statusCode(204);
        assertThat(login(email, "a brand new password")).isEqualTo(200);
        assertThat(login(email, Accounts.PASSWORD)).isEqualTo(401);
        given().contentType(ContentType.JSON).body(Map.of("token", link.group(1), "password", "yet another password"))
                .when().post("/api/auth/password/reset").then().statusCode(400).body("field", equalTo("token"));
    }

    @Test
    void a_signed_in_user_changes_their_password_only_with_the_current_one() {
        String email = Accounts.uniqueEmail();
        UUID orgId = UUID.randomUUID();
        UUID userId = Accounts.create(orgId, email, "ORG_AGENT", "ACTIVE");
        String token = TestTokens.member(userId, orgId, "ORG_AGENT");

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "not it", "newPassword", "the next password"))
                .when().post("/api/auth/password").then().statusCode(400).body("field", equalTo("currentPassword"));
        assertThat(login(email, Accounts.PASSWORD)).isEqualTo(200);

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "the next password"))
                .when().post("/api/auth/password").then().statusCode(204);
        assertThat(login(email, "the next password")).isEqualTo(200);
    }

    @Test
    void colleagues_see_each_others_names_and_only_their_own_organisations_active_members() {
        UUID orgId = UUID.randomUUID();
        UUID ana = Accounts.create(orgId, Accounts.uniqueEmail(), "ORG_AGENT", "ACTIVE");
        Accounts.create(orgId, Accounts.uniqueEmail(), "ORG_AGENT", "DEACTIVATED");
        Accounts.create(UUID.randomUUID(), Accounts.uniqueEmail(), "ORG_AGENT", "ACTIVE");
        String anasToken = TestTokens.member(ana, orgId, "ORG_AGENT");

        given().auth().oauth2(anasToken).contentType(ContentType.JSON).body(Map.of("displayName", "  Ana   Souza "))
                .when().patch("/api/auth/me").then().statusCode(200).body("displayName", equalTo("Ana Souza"));
        given().auth().oauth2(anasToken).when().get("/api/auth/me").then().statusCode(200).body("displayName", equalTo("Ana Souza"));

        List<Map<String, Object>> colleagues = given().auth().oauth2(anasToken).when().get("/api/users/colleagues")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(colleagues).as("an agent reads them; the deactivated one and the other organisation's are not there")
                .extracting(c -> c.get("id")).containsExactly(ana.toString());
        assertThat(colleagues.get(0)).containsEntry("displayName", "Ana Souza").doesNotContainKey("status");
    }

    @Test
    void an_invitee_gives_their_name_when_choosing_a_password() {
        UUID orgId = UUID.randomUUID();
        String email = Accounts.uniqueEmail();
        given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).contentType(ContentType.JSON)
                .body(Map.of("email", email, "role", "ORG_AGENT", "displayName", "Recepção"))
                .when().post("/api/users/invitations").then().statusCode(201).body("user.displayName", equalTo("Recepção"));
        String mail = await().atMost(Duration.ofSeconds(15)).until(() -> SmtpServer.mailTo(email).orElse(null), m -> m != null);
        Matcher token = Pattern.compile("token=([A-Za-z0-9_-]{20,})").matcher(mail);
        assertThat(token.find()).isTrue();
        given().contentType(ContentType.JSON).body(Map.of("token", token.group(1), "password", "bem-vinda à equipe", "displayName", "Júlia"))
                .when().post("/api/users/invitations/accept").then().statusCode(204);
        String access = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "bem-vinda à equipe"))
                .when().post("/api/auth/login").then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(access).when().get("/api/auth/me").then().body("displayName", equalTo("Júlia"));
    }
}
