package br.ft9.auth.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.AuditEntries;
import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Tuple;

/** Managing an organisation's users: invitations by mail, roles, deactivation, and the walls between organisations. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(SmtpServer.class)
class UsersResourceTest {

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{20,})");

    private static String invitationTokenFor(String email) {
        // The consumer may first work through other tests' organisation events on the shared topic.
        String mail = await().atMost(Duration.ofSeconds(45)).until(() -> SmtpServer.mailTo(email).orElse(null), m -> m != null);
        Matcher matcher = TOKEN.matcher(mail);
        assertThat(matcher.find()).as("the mail carries the invitation link").isTrue();
        return matcher.group(1);
    }

    private static int login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/api/auth/login").then().extract().statusCode();
    }

    private static String invite(String adminToken, String email, String role) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("email", email, "role", role))
                .when().post("/api/users/invitations").then().statusCode(201).extract().path("user.id");
    }

    @Test
    void an_admin_invites_a_user_who_gets_the_mail_sets_a_password_and_signs_in() {
        UUID orgId = UUID.randomUUID();
        String email = Accounts.uniqueEmail();
        String admin = TestTokens.member(orgId, "ORG_ADMIN");
        try (KafkaProbe events = KafkaProbe.tail("ft9.auth.events")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("email", email, "role", "ORG_AGENT"))
                    .when().post("/api/users/invitations")
                    .then().statusCode(201)
                    .body("user.email", equalTo(email)).body("user.orgId", equalTo(orgId.toString()))
                    .body("user.role", equalTo("ORG_AGENT")).body("user.status", equalTo("INVITED"))
                    .body("invitationMailSent", equalTo(true));

            ConsumerRecord<String, String> created = events.awaitRecord(r -> orgId.toString().equals(r.key()), Duration.ofSeconds(15));
            assertThat(KafkaProbe.cloudEvent(created)).containsEntry("type", "ft9.auth.user.created.v1")
                    .containsEntry("subject", orgId.toString()).containsEntry("source", "auth-service");
            assertThat(created.value()).contains(email).doesNotContain("password");
        }
        assertThat(login(email, "a new password")).as("no password yet").isEqualTo(401);

        String token = invitationTokenFor(email);
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "a new password"))
                .when().post("/api/users/invitations/accept").then().statusCode(204);

        assertThat(login(email, "a new password")).isEqualTo(200);
        String hash = Accounts.pool().preparedQuery("select password_hash from user_account where email = $1")
                .execute(Tuple.of(email)).await().indefinitely().iterator().next().getString(0);
        assertThat(hash).as("bcrypt, cost at least 10").matches("^\\$2[aby]?\\$(1[0-9]|2[0-9]|3[01])\\$.{53}$");
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "another password"))
                .when().post("/api/users/invitations/accept")
                .then().statusCode(400).body("field", equalTo("token"));
    }

    @Test
    void an_invitation_sent_again_replaces_the_first_link_and_one_withdrawn_stops_working_and_frees_the_address() {
        UUID orgId = UUID.randomUUID();
        String admin = TestTokens.member(orgId, "ORG_ADMIN");
        String late = Accounts.uniqueEmail();
        String lateId = invite(admin, late, "ORG_AGENT");
        String firstLink = invitationTokenFor(late);

        given().auth().oauth2(TestTokens.member(orgId, "ORG_MANAGER")).when().post("/api/users/{id}/invitation", lateId).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.member(UUID.randomUUID(), "ORG_ADMIN")).when().post("/api/users/{id}/invitation", lateId)
                .then().statusCode(404);
        given().auth().oauth2(admin).when().post("/api/users/{id}/invitation", lateId).then().statusCode(200)
                .body("user.status", equalTo("INVITED")).body("invitationMailSent", equalTo(true));
        String secondLink = await().atMost(Duration.ofSeconds(15)).until(() -> SmtpServer.mailsTo(late).stream()
                .map(TOKEN::matcher).filter(Matcher::find).map(m -> m.group(1)).filter(t -> !t.equals(firstLink)).findFirst().orElse(null),
                t -> t != null);
        given().contentType(ContentType.JSON).body(Map.of("token", firstLink, "password", "a new password"))
                .when().post("/api/users/invitations/accept").then().statusCode(400).body("field", equalTo("token"));
        given().contentType(ContentType.JSON).body(Map.of("token", secondLink, "password", "a new password"))
                .when().post("/api/users/invitations/accept").then().statusCode(204);
        given().auth().oauth2(admin).when().post("/api/users/{id}/invitation", lateId).then().statusCode(409)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).when().delete("/api/users/{id}/invitation", lateId).then().statusCode(409);

        String withdrawn = Accounts.uniqueEmail();
        String withdrawnId = invite(admin, withdrawn, "ORG_MANAGER");
        String link = invitationTokenFor(withdrawn);
        try (KafkaProbe events = KafkaProbe.tail("ft9.auth.events")) {
            given().auth().oauth2(admin).when().delete("/api/users/{id}/invitation", withdrawnId).then().statusCode(204);
            // the invitation's own user.created may still be leaving the outbox: wait for the withdrawal's event
            ConsumerRecord<String, String> gone = events.awaitRecord(r -> r.value().contains(withdrawnId)
                    && "ft9.auth.user.deactivated.v1".equals(KafkaProbe.cloudEvent(r).get("type")), Duration.ofSeconds(15));
            assertThat(KafkaProbe.cloudEvent(gone)).containsEntry("source", "auth-service");
        }
        given().contentType(ContentType.JSON).body(Map.of("token", link, "password", "a new password"))
                .when().post("/api/users/invitations/accept").then().statusCode(400).body("field", equalTo("token"));
        given().auth().oauth2(admin).when().get("/api/users/{id}", withdrawnId).then().statusCode(404);
        invite(admin, withdrawn, "ORG_AGENT"); // the address can be invited again
    }

    @Test
    void an_address_already_in_the_admins_own_organisation_cannot_be_invited_again() {
        UUID orgId = UUID.randomUUID();
        String email = Accounts.uniqueEmail();
        Accounts.create(orgId, email, "ORG_AGENT", "ACTIVE");
        given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).contentType(ContentType.JSON)
                .body(Map.of("email", email, "role", "ORG_AGENT"))
                .when().post("/api/users/invitations")
                .then().statusCode(409).body("field", equalTo("email"));
    }

    @Test
    void inviting_an_address_held_in_another_organisation_looks_like_any_invitation_and_only_its_owner_learns_why() {
        String email = Accounts.uniqueEmail();
        Accounts.create(UUID.randomUUID(), email, "ORG_AGENT", "ACTIVE");
        UUID orgId = UUID.randomUUID();
        String admin = TestTokens.member(orgId, "ORG_ADMIN");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("email", email, "role", "ORG_AGENT"))
                .when().post("/api/users/invitations")
                .then().statusCode(201).body("user.status", equalTo("INVITED")).body("invitationMailSent", equalTo(true));
        given().auth().oauth2(admin).when().get("/api/users")
                .then().statusCode(200).body("items.email", org.hamcrest.Matchers.hasItem(email));

        String mail = await().atMost(Duration.ofSeconds(15)).until(() -> SmtpServer.mailTo(email).orElse(null), m -> m != null);
        assertThat(mail).as("the owner is told, and given nothing to accept").contains("já tem uma conta em outra organização")
                .doesNotContain("token=");
    }

    @Test
    void an_address_invited_by_two_organisations_joins_the_first_it_accepts_and_is_told_why_not_the_second() {
        String email = Accounts.uniqueEmail();
        invite(TestTokens.member(UUID.randomUUID(), "ORG_ADMIN"), email, "ORG_AGENT");
        invite(TestTokens.member(UUID.randomUUID(), "ORG_ADMIN"), email, "ORG_MANAGER");
        java.util.List<String> mails = await().atMost(Duration.ofSeconds(15))
                .until(() -> SmtpServer.mailsTo(email), m -> m.size() == 2);
        java.util.List<String> tokens = mails.stream().map(TOKEN::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
        assertThat(tokens).as("both invitations were fresh when sent, so both carry a link").hasSize(2);

        given().contentType(ContentType.JSON).body(Map.of("token", tokens.get(0), "password", "a new password"))
                .when().post("/api/users/invitations/accept").then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("token", tokens.get(1), "password", "another password"))
                .when().post("/api/users/invitations/accept")
                .then().statusCode(409).body("field", equalTo("token"))
                .body("detail", org.hamcrest.Matchers.containsString("another organisation"));
        assertThat(login(email, "a new password")).isEqualTo(200);
        assertThat(login(email, "another password")).isEqualTo(401);
    }

    @Test
    void nobody_invites_a_super_admin_and_only_admins_invite() {
        UUID orgId = UUID.randomUUID();
        given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).contentType(ContentType.JSON)
                .body(Map.of("email", Accounts.uniqueEmail(), "role", "SUPER_ADMIN"))
                .when().post("/api/users/invitations").then().statusCode(400).body("field", equalTo("role"));
        given().auth().oauth2(TestTokens.member(orgId, "ORG_MANAGER")).contentType(ContentType.JSON)
                .body(Map.of("email", Accounts.uniqueEmail(), "role", "ORG_AGENT"))
                .when().post("/api/users/invitations").then().statusCode(403);
    }

    @Test
    void platform_staff_invite_an_admin_into_a_named_organisation_and_must_name_it() {
        UUID orgId = UUID.randomUUID();
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("email", Accounts.uniqueEmail(), "role", "ORG_ADMIN", "orgId", orgId.toString()))
                .when().post("/api/users/invitations").then().statusCode(201).body("user.orgId", equalTo(orgId.toString()));
        given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("email", Accounts.uniqueEmail(), "role", "ORG_ADMIN"))
                .when().post("/api/users/invitations").then().statusCode(400).body("field", equalTo("orgId"));
    }

    @Test
    void a_manager_lists_only_their_own_organisations_users_a_page_at_a_time() {
        UUID orgA = UUID.randomUUID();
        UUID orgB = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            Accounts.create(orgA, Accounts.uniqueEmail(), "ORG_AGENT", "ACTIVE");
        }
        String ofB = Accounts.uniqueEmail();
        Accounts.create(orgB, ofB, "ORG_AGENT", "ACTIVE");

        given().auth().oauth2(TestTokens.member(orgA, "ORG_MANAGER")).queryParam("size", 2)
                .when().get("/api/users")
                .then().statusCode(200).body("total", equalTo(3)).body("size", equalTo(2)).body("page", equalTo(0))
                .body("items.size()", equalTo(2)).body("items.orgId", everyItem(equalTo(orgA.toString())));
        given().auth().oauth2(TestTokens.member(orgA, "ORG_MANAGER")).queryParam("orgId", orgB)
                .when().get("/api/users").then().statusCode(404);
        given().auth().oauth2(TestTokens.member(orgA, "ORG_AGENT")).when().get("/api/users").then().statusCode(403);
    }

    @Test
    void another_organisations_user_cannot_be_read_changed_or_deactivated_and_seems_not_to_exist() {
        UUID victim = Accounts.create(UUID.randomUUID(), Accounts.uniqueEmail(), "ORG_ADMIN", "ACTIVE");
        String attacker = TestTokens.member(UUID.randomUUID(), "ORG_ADMIN");

        given().auth().oauth2(attacker).when().get("/api/users/" + victim).then().statusCode(404);
        given().auth().oauth2(attacker).contentType(ContentType.JSON).body(Map.of("role", "ORG_AGENT"))
                .when().put("/api/users/" + victim + "/role").then().statusCode(404);
        given().auth().oauth2(attacker).when().post("/api/users/" + victim + "/deactivate").then().statusCode(404);
        given().auth().oauth2(attacker).when().get("/api/users/" + UUID.randomUUID()).then().statusCode(404);

        String role = Accounts.pool().preparedQuery("select role || status from user_account where id = $1")
                .execute(Tuple.of(victim)).await().indefinitely().iterator().next().getString(0);
        assertThat(role).isEqualTo("ORG_ADMINACTIVE");
    }

    @Test
    void nobody_changes_their_own_role_or_deactivates_themselves() {
        UUID orgId = UUID.randomUUID();
        UUID self = Accounts.create(orgId, Accounts.uniqueEmail(), "ORG_ADMIN", "ACTIVE");
        String token = TestTokens.member(self, orgId, "ORG_ADMIN");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("role", "ORG_AGENT"))
                .when().put("/api/users/" + self + "/role").then().statusCode(403);
        given().auth().oauth2(token).when().post("/api/users/" + self + "/deactivate").then().statusCode(403);

        UUID agent = Accounts.create(orgId, Accounts.uniqueEmail(), "ORG_AGENT", "ACTIVE");
        given().auth().oauth2(TestTokens.member(agent, orgId, "ORG_AGENT")).contentType(ContentType.JSON)
                .body(Map.of("role", "ORG_ADMIN")).when().put("/api/users/" + agent + "/role").then().statusCode(403);
    }

    @Test
    void an_admin_changes_a_role_and_deactivation_ends_every_sign_in_with_events_for_both() {
        UUID orgId = UUID.randomUUID();
        String email = Accounts.uniqueEmail();
        UUID user = Accounts.create(orgId, email, "ORG_AGENT", "ACTIVE");
        var signIn = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", Accounts.PASSWORD))
                .when().post("/api/auth/login").then().statusCode(200).extract();
        String refreshToken = signIn.path("refreshToken");
        String accessToken = signIn.path("accessToken");
        String admin = TestTokens.member(orgId, "ORG_ADMIN");

        try (KafkaProbe events = KafkaProbe.tail("ft9.auth.events")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("role", "ORG_MANAGER"))
                    .when().put("/api/users/" + user + "/role").then().statusCode(200).body("role", equalTo("ORG_MANAGER"));
            given().auth().oauth2(admin).when().post("/api/users/" + user + "/deactivate")
                    .then().statusCode(200).body("status", equalTo("DEACTIVATED"));

            ConsumerRecord<String, String> changed = events.awaitRecord(r -> orgId.toString().equals(r.key()), Duration.ofSeconds(15));
            assertThat(KafkaProbe.cloudEvent(changed)).containsEntry("type", "ft9.auth.user.role_changed.v1");
            assertThat(changed.value()).contains("\"previousRole\":\"ORG_AGENT\"");
            ConsumerRecord<String, String> deactivated = events.awaitRecord(r -> orgId.toString().equals(r.key()), Duration.ofSeconds(15));
            assertThat(KafkaProbe.cloudEvent(deactivated)).containsEntry("type", "ft9.auth.user.deactivated.v1");
        }
        // and the organisation's audit trail hears who did both, with the role and the status before and after
        var roleChanged = AuditEntries.of(orgId, "user.role_changed");
        assertThat(roleChanged).hasSize(1);
        assertThat(roleChanged.get(0).path("actorRole").asText()).isEqualTo("ORG_ADMIN");
        assertThat(roleChanged.get(0).path("targetId").asText()).isEqualTo(user.toString());
        assertThat(roleChanged.get(0).path("before").path("role").asText()).isEqualTo("ORG_AGENT");
        assertThat(roleChanged.get(0).path("after").path("role").asText()).isEqualTo("ORG_MANAGER");
        assertThat(AuditEntries.of(orgId, "user.deactivated")).singleElement()
                .satisfies(e -> assertThat(e.path("after").path("status").asText()).isEqualTo("DEACTIVATED"));
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .when().post("/api/auth/refresh").then().statusCode(401);
        assertThat(login(email, Accounts.PASSWORD)).isEqualTo(401);
        given().auth().oauth2(accessToken).when().get("/api/auth/me").then().statusCode(401);
    }

    private static String accessToken(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", Accounts.PASSWORD))
                .when().post("/api/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    private static int me(String accessToken) {
        return given().auth().oauth2(accessToken).when().get("/api/auth/me").then().extract().statusCode();
    }

    @Test
    void a_suspended_organisation_announced_by_tenant_service_is_shut_out_at_once_tokens_included_and_let_back_in_on_reactivation() {
        UUID orgId = UUID.randomUUID();
        String email = Accounts.uniqueEmail();
        Accounts.create(orgId, email, "ORG_ADMIN", "ACTIVE");
        String bystander = Accounts.uniqueEmail();
        Accounts.create(UUID.randomUUID(), bystander, "ORG_ADMIN", "ACTIVE");
        String issuedBefore = accessToken(email);
        String othersToken = accessToken(bystander);
        assertThat(me(issuedBefore)).isEqualTo(200);

        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send("ft9.tenant.events", orgId.toString(), UUID.randomUUID().toString(),
                    "ft9.tenant.organization.suspended.v1", "tenant-service", orgId.toString(),
                    "{\"orgId\":\"" + orgId + "\",\"reason\":\"payment overdue\"}");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> login(email, Accounts.PASSWORD) == 403);
        assertThat(me(issuedBefore)).as("a token issued before the suspension").isEqualTo(401);
        assertThat(me(othersToken)).as("another organisation's token").isEqualTo(200);

        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send("ft9.tenant.events", orgId.toString(), UUID.randomUUID().toString(),
                    "ft9.tenant.organization.reactivated.v1", "tenant-service", orgId.toString(),
                    "{\"orgId\":\"" + orgId + "\"}");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> login(email, Accounts.PASSWORD) == 200 && me(accessToken(email)) == 200);
        assertThat(me(issuedBefore)).as("the old token stays revoked").isEqualTo(401);
    }

    @Test
    void a_role_change_ends_the_access_tokens_that_carry_the_old_role() {
        UUID orgId = UUID.randomUUID();
        String admin = TestTokens.member(orgId, "ORG_ADMIN");
        String email = Accounts.uniqueEmail();
        UUID manager = Accounts.create(orgId, email, "ORG_MANAGER", "ACTIVE");
        String asManager = accessToken(email);
        assertThat(me(asManager)).isEqualTo(200);

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("role", "ORG_AGENT"))
                .when().put("/api/users/{id}/role", manager).then().statusCode(200);

        assertThat(me(asManager)).isEqualTo(401);
        await().atMost(Duration.ofSeconds(5)).until(() -> "ORG_AGENT".equals(given().auth().oauth2(accessToken(email))
                .when().get("/api/auth/me").then().extract().path("role")));
    }

    @Test
    void an_organisation_erased_by_tenant_service_takes_its_accounts_with_it() {
        UUID orgId = UUID.randomUUID();
        String email = Accounts.uniqueEmail();
        Accounts.create(orgId, email, "ORG_ADMIN", "ACTIVE");
        assertThat(login(email, Accounts.PASSWORD)).isEqualTo(200);
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send("ft9.tenant.events", orgId.toString(), UUID.randomUUID().toString(),
                    "ft9.tenant.organization.deleted.v1", "tenant-service", orgId.toString(),
                    "{\"orgId\":\"" + orgId + "\",\"slug\":\"gone\"}");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> Accounts.pool()
                .preparedQuery("select count(*) from user_account where org_id = $1").execute(Tuple.of(orgId))
                .await().indefinitely().iterator().next().getLong(0) == 0);
        assertThat(login(email, Accounts.PASSWORD)).isEqualTo(401);
    }

    @Test
    void a_new_organisations_first_admin_is_invited_once_even_if_the_event_is_redelivered() {
        UUID orgId = UUID.randomUUID();
        String email = Accounts.uniqueEmail();
        String eventId = UUID.randomUUID().toString();
        String data = "{\"orgId\":\"" + orgId + "\",\"name\":\"Clínica\",\"firstAdminEmail\":\"" + email + "\"}";
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send("ft9.tenant.events", orgId.toString(), eventId, "ft9.tenant.organization.created.v1",
                    "tenant-service", orgId.toString(), data);
            sender.send("ft9.tenant.events", orgId.toString(), eventId, "ft9.tenant.organization.created.v1",
                    "tenant-service", orgId.toString(), data);
        }
        String token = invitationTokenFor(email);
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "first admin password"))
                .when().post("/api/users/invitations/accept").then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "first admin password"))
                .when().post("/api/auth/login").then().statusCode(200);
        long accounts = Accounts.pool().preparedQuery("select count(*) from user_account where email = $1 and org_id = $2 and role = 'ORG_ADMIN'")
                .execute(Tuple.of(email, orgId)).await().indefinitely().iterator().next().getLong(0);
        assertThat(accounts).isEqualTo(1);
    }

    @Test
    void a_too_short_password_or_an_invalid_invitation_email_is_refused_naming_the_field() {
        given().contentType(ContentType.JSON).body(Map.of("token", "whatever-token", "password", "short"))
                .when().post("/api/users/invitations/accept").then().statusCode(400)
                .body("violations[0].field", equalTo("password"));
        given().auth().oauth2(TestTokens.member(UUID.randomUUID(), "ORG_ADMIN")).contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "role", "ORG_AGENT"))
                .when().post("/api/users/invitations").then().statusCode(400)
                .body("violations[0].field", equalTo("email"));
    }
}
