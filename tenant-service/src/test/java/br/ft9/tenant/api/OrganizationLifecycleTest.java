package br.ft9.tenant.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Sign-up, plan limits and their use, and deletion after a grace period (2 s in tests). */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(br.ft9.tenant.support.GraphStub.class)
class OrganizationLifecycleTest {

    @BeforeEach
    void forgetSignupsFromThisAddress() {
        Arc.container().instance(RedisDataSource.class).get().key().del("ft9:signups:ip:127.0.0.1");
    }

    private static String slug() {
        return "life-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static UUID open() {
        return UUID.fromString(given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Clínica Ciclo", "slug", slug())).when().post("/api/organizations")
                .then().statusCode(201).extract().path("id"));
    }

    private static void send(String topic, UUID orgId, String type, String data) {
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send(topic, orgId.toString(), UUID.randomUUID().toString(), type, "test", orgId.toString(), data);
        }
    }

    @Test
    void anyone_signs_up_an_organisation_in_trial_whose_admin_auth_service_will_invite_and_one_address_only_a_few_times() {
        String email = "fundadora-" + UUID.randomUUID().toString().substring(0, 6) + "@escola.example";
        try (KafkaProbe events = KafkaProbe.tail("ft9.tenant.events")) {
            String id = given().contentType(ContentType.JSON)
                    .body(Map.of("name", "Escola Nova", "slug", slug(), "adminEmail", email))
                    .when().post("/api/organizations/signup")
                    .then().statusCode(201).body("plan", equalTo("STARTER")).body("trialEndsAt", notNullValue())
                    .extract().path("id");
            ConsumerRecord<String, String> created = events.awaitRecord(r -> id.equals(r.key()), Duration.ofSeconds(15));
            assertThat(created.value()).contains("\"firstAdminEmail\":\"" + email + "\"");
        }
        for (int i = 0; i < 4; i++) {
            given().contentType(ContentType.JSON).body(Map.of("name", "Escola", "slug", slug(), "adminEmail", email))
                    .when().post("/api/organizations/signup").then().statusCode(201);
        }
        String retryAfter = given().contentType(ContentType.JSON).body(Map.of("name", "Escola", "slug", slug(), "adminEmail", email))
                .when().post("/api/organizations/signup")
                .then().statusCode(429).contentType("application/problem+json").extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 3600);
        given().contentType(ContentType.JSON).body(Map.of("name", "Escola", "slug", slug()))
                .when().post("/api/organizations/signup").then().statusCode(400);
    }

    @Test
    void limits_follow_billing_and_seats_follow_auth_service() {
        UUID orgId = open();
        String member = TestTokens.member(orgId, "ORG_AGENT");
        given().auth().oauth2(member).when().get("/api/organizations/me/limits").then().statusCode(200)
                .body("plan", equalTo("STARTER")).body("limits.seats", equalTo(3)).body("limits.messagesPerMonth", equalTo(1000))
                .body("use.seats", equalTo(0)).body("use.messagesThisMonth", nullValue());

        UUID kept = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        send("ft9.auth.events", orgId, "ft9.auth.user.created.v1", "{\"userId\":\"" + kept + "\",\"orgId\":\"" + orgId + "\",\"status\":\"INVITED\"}");
        send("ft9.auth.events", orgId, "ft9.auth.user.created.v1", "{\"userId\":\"" + gone + "\",\"orgId\":\"" + orgId + "\",\"status\":\"ACTIVE\"}");
        send("ft9.auth.events", orgId, "ft9.auth.user.deactivated.v1", "{\"userId\":\"" + gone + "\",\"orgId\":\"" + orgId + "\",\"status\":\"DEACTIVATED\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(member).when()
                .get("/api/organizations/me/limits").then().body("use.seats", equalTo(1)));

        try (KafkaProbe events = KafkaProbe.tail("ft9.tenant.events")) {
            send("ft9.billing.events", orgId, "ft9.billing.subscription.activated.v1", "{\"orgId\":\"" + orgId
                    + "\",\"plan\":\"PROFESSIONAL\",\"limits\":{\"messagesPerMonth\":10000,\"knowledgeItems\":1000,"
                    + "\"automations\":50,\"seats\":10,\"automationRunsPerMonth\":20000}}");
            ConsumerRecord<String, String> changed = events.awaitRecord(r -> orgId.toString().equals(r.key())
                    && KafkaProbe.cloudEvent(r).get("type").equals("ft9.tenant.limits.changed.v1"), Duration.ofSeconds(20));
            assertThat(changed.value()).contains("\"plan\":\"PROFESSIONAL\"").contains("\"seats\":10")
                    .contains("\"automationRunsPerMonth\":20000");
        }
        given().auth().oauth2(member).when().get("/api/organizations/me/limits").then()
                .body("plan", equalTo("PROFESSIONAL")).body("limits.messagesPerMonth", equalTo(10000))
                .body("limits.automationRunsPerMonth", equalTo(20000));

        send("ft9.billing.events", orgId, "ft9.billing.subscription.canceled.v1", "{\"orgId\":\"" + orgId + "\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(member).when()
                .get("/api/organizations/me/limits").then().body("plan", equalTo("STARTER")).body("limits.seats", equalTo(3)));
    }

    @Test
    void a_payment_overdue_past_billings_grace_suspends_the_organisation_until_billing_says_it_is_settled() {
        UUID overdue = open();
        UUID staffSuspended = open();
        String staff = TestTokens.superAdmin();
        given().auth().oauth2(staff).when().post("/api/organizations/" + staffSuspended + "/suspend").then().statusCode(200);

        send("ft9.billing.events", overdue, "ft9.billing.account.overdue.v1", "{\"orgId\":\"" + overdue + "\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(staff).when()
                .get("/api/organizations/" + overdue).then().body("status", equalTo("SUSPENDED")));

        send("ft9.billing.events", overdue, "ft9.billing.account.settled.v1", "{\"orgId\":\"" + overdue + "\"}");
        String settledId = UUID.randomUUID().toString();
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send("ft9.billing.events", staffSuspended.toString(), settledId, "ft9.billing.account.settled.v1", "test",
                    staffSuspended.toString(), "{\"orgId\":\"" + staffSuspended + "\"}");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(staff).when()
                .get("/api/organizations/" + overdue).then().body("status", equalTo("ACTIVE")));
        // Billing lifts only what billing asked for: staff's suspension stays.
        await().atMost(Duration.ofSeconds(20)).until(() -> br.ft9.common.testing.Sql.row("select count(*) from processed_event"
                + " where event_id = $1", settledId).getLong(0) == 1);
        given().auth().oauth2(staff).when().get("/api/organizations/" + staffSuspended).then().body("status", equalTo("SUSPENDED"));
    }

    @Test
    void a_deleted_organisation_is_shut_out_can_be_restored_and_after_its_grace_period_is_erased_everywhere() {
        UUID orgId = open();
        given().auth().oauth2(TestTokens.member(orgId, "ORG_MANAGER")).when().delete("/api/organizations/me").then().statusCode(403);
        given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).contentType(ContentType.JSON)
                .body(Map.of("phoneNumberId", "5511" + System.nanoTime() % 100_000_000_000L, "displayPhoneNumber", "+55 11 3333-4444",
                        "wabaId", "102290129340398", "accessToken", "EAAG-lifecycle-test-token"))
                .when().post("/api/organizations/me/channels").then().statusCode(201);

        try (KafkaProbe events = KafkaProbe.tail("ft9.tenant.events")) {
            // Restored at once, before its (two-second) grace period is over.
            given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).when().delete("/api/organizations/me")
                    .then().statusCode(202).body("status", equalTo("DELETION_PENDING")).body("deletionDueAt", notNullValue());
            given().auth().oauth2(TestTokens.superAdmin()).when().post("/api/organizations/" + orgId + "/restore")
                    .then().statusCode(200).body("status", equalTo("ACTIVE")).body("deletionDueAt", nullValue());

            given().auth().oauth2(TestTokens.superAdmin()).when().delete("/api/organizations/" + orgId).then().statusCode(202);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.superAdmin())
                    .when().get("/api/organizations/" + orgId).then().statusCode(404));

            ConsumerRecord<String, String> deleted = events.awaitRecord(r -> orgId.toString().equals(r.key())
                    && KafkaProbe.cloudEvent(r).get("type").equals("ft9.tenant.organization.deleted.v1"), Duration.ofSeconds(20));
            assertThat(deleted.value()).contains("\"orgId\":\"" + orgId + "\"");
            assertThat(OffsetDateTime.parse(KafkaProbe.header(deleted, "ce_time").orElseThrow())).isNotNull();
        }
        given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).when().get("/api/organizations/me/channels")
                .then().statusCode(200).body("size()", equalTo(0));
    }
}
