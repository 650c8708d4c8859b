package br.ft9.tenant.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** An organisation's settings, each role's rights over them, and staff's search, suspension and reactivation. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
class OrganizationSettingsTest {

    private static UUID open(String slug, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Clínica " + slug, "slug", slug));
        body.putAll(extra);
        return UUID.fromString(given().auth().oauth2(TestTokens.superAdmin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/organizations").then().statusCode(201).extract().path("id"));
    }

    private static String slug() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static long outboxEvents(UUID orgId, String type) {
        Pool pool = Arc.container().instance(Pool.class).get();
        return pool.preparedQuery("select count(*) from event_outbox where org_id = $1 and type = $2")
                .execute(Tuple.of(orgId, type)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void every_member_reads_their_own_organisation_with_its_defaults() {
        UUID orgId = open(slug(), Map.of());
        for (String role : List.of("ORG_ADMIN", "ORG_MANAGER", "ORG_AGENT")) {
            given().auth().oauth2(TestTokens.member(orgId, role)).when().get("/api/organizations/me")
                    .then().statusCode(200).body("id", equalTo(orgId.toString()))
                    .body("plan", equalTo("STARTER")).body("assistantTone", equalTo("FRIENDLY"))
                    .body("autoReply", equalTo(true)).body("handoffMessage", equalTo(
                            "Vou chamar uma pessoa da nossa equipe para continuar o atendimento. Aguarde um momento, por favor."))
                    .body("businessHours", equalTo(Map.of()));
        }
        given().auth().oauth2(TestTokens.member(UUID.randomUUID(), "ORG_ADMIN")).when().get("/api/organizations/me")
                .then().statusCode(404);
    }

    @Test
    void an_admin_changes_only_the_settings_given_and_the_whole_organisation_reaches_kafka() {
        String slug = slug();
        UUID orgId = open(slug, Map.of());
        try (KafkaProbe events = KafkaProbe.tail("ft9.tenant.events")) {
            given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).contentType(ContentType.JSON)
                    .body(Map.of("businessHours", Map.of("monday", List.of(Map.of("open", "08:00", "close", "12:00"),
                                    Map.of("open", "13:00", "close", "18:00"))),
                            "assistantPersona", "Assistente da recepção", "assistantTone", "FORMAL",
                            "autoReply", false, "notificationEmail", "recepcao@clinica.example"))
                    .when().patch("/api/organizations/me")
                    .then().statusCode(200)
                    .body("name", equalTo("Clínica " + slug)).body("slug", equalTo(slug))
                    .body("businessHours.monday[1].open", equalTo("13:00"))
                    .body("assistantTone", equalTo("FORMAL")).body("autoReply", equalTo(false))
                    .body("notificationEmail", equalTo("recepcao@clinica.example"));

            ConsumerRecord<String, String> updated = events.awaitRecord(r -> orgId.toString().equals(r.key())
                    && KafkaProbe.cloudEvent(r).get("type").equals("ft9.tenant.organization.updated.v1"), Duration.ofSeconds(15));
            assertThat(updated.value()).contains("\"businessHours\":{\"monday\":[{\"open\":\"08:00\",\"close\":\"12:00\"}")
                    .contains("\"autoReply\":false").contains("\"slug\":\"" + slug + "\"").contains("\"status\":\"ACTIVE\"");
        }
        given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).contentType(ContentType.JSON)
                .body(Map.of("notificationEmail", "")).when().patch("/api/organizations/me")
                .then().statusCode(200).body("notificationEmail", nullValue()).body("assistantTone", equalTo("FORMAL"));
    }

    @Test
    void holidays_are_kept_in_order_once_each_and_travel_inside_the_business_hours_and_a_wrong_date_is_named() {
        UUID orgId = open(slug(), Map.of());
        String admin = TestTokens.member(orgId, "ORG_ADMIN");
        try (KafkaProbe events = KafkaProbe.tail("ft9.tenant.events")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("businessHours", Map.of("friday", List.of(Map.of("open", "08:00", "close", "18:00"))),
                            "holidays", List.of("2026-12-25", "2026-12-24", "2026-12-25")))
                    .when().patch("/api/organizations/me").then().statusCode(200)
                    .body("holidays", org.hamcrest.Matchers.contains("2026-12-24", "2026-12-25"))
                    .body("businessHours.friday[0].open", equalTo("08:00"));
            ConsumerRecord<String, String> updated = events.awaitRecord(r -> orgId.toString().equals(r.key())
                    && KafkaProbe.cloudEvent(r).get("type").equals("ft9.tenant.organization.updated.v1"), Duration.ofSeconds(15));
            assertThat(updated.value()).contains("\"holidays\":[\"2026-12-24\",\"2026-12-25\"]").contains("\"friday\":");
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("holidays", List.of("2026-12-25", "25/12/2026")))
                .when().patch("/api/organizations/me").then().statusCode(400).body("field", equalTo("holidays[1]"));
        given().auth().oauth2(admin).when().get("/api/organizations/me").then().statusCode(200)
                .body("holidays", org.hamcrest.Matchers.contains("2026-12-24", "2026-12-25"));
    }

    @Test
    void an_admin_chooses_how_long_contacts_words_are_kept_within_a_month_and_ten_years_and_the_services_hear_of_it() {
        UUID orgId = open(slug(), Map.of());
        String admin = TestTokens.member(orgId, "ORG_ADMIN");
        given().auth().oauth2(admin).when().get("/api/organizations/me").then().statusCode(200).body("messageRetentionDays", equalTo(365));
        try (KafkaProbe events = KafkaProbe.tail("ft9.tenant.events")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("messageRetentionDays", 90))
                    .when().patch("/api/organizations/me").then().statusCode(200).body("messageRetentionDays", equalTo(90));
            ConsumerRecord<String, String> updated = events.awaitRecord(r -> orgId.toString().equals(r.key())
                    && KafkaProbe.cloudEvent(r).get("type").equals("ft9.tenant.organization.updated.v1"), Duration.ofSeconds(15));
            assertThat(updated.value()).contains("\"messageRetentionDays\":90");
        }
        for (int wrong : List.of(7, 29, 3651)) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("messageRetentionDays", wrong))
                    .when().patch("/api/organizations/me").then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("messageRetentionDays"));
        }
        given().auth().oauth2(admin).when().get("/api/organizations/me").then().statusCode(200).body("messageRetentionDays", equalTo(90));
    }

    @Test
    void managers_and_agents_read_but_do_not_change_settings() {
        UUID orgId = open(slug(), Map.of());
        for (String role : List.of("ORG_MANAGER", "ORG_AGENT")) {
            given().auth().oauth2(TestTokens.member(orgId, role)).contentType(ContentType.JSON)
                    .body(Map.of("autoReply", false)).when().patch("/api/organizations/me").then().statusCode(403);
        }
        assertThat(outboxEvents(orgId, "ft9.tenant.organization.updated.v1")).isZero();
    }

    @Test
    void a_wrong_setting_is_named_and_nothing_changes() {
        UUID orgId = open(slug(), Map.of());
        String admin = TestTokens.member(orgId, "ORG_ADMIN");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("autoReply", false, "businessHours", Map.of("tuesday", List.of(Map.of("open", "18:00", "close", "09:00")))))
                .when().patch("/api/organizations/me")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("businessHours.tuesday[0].close"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("timeZone", "America/Atlantis"))
                .when().patch("/api/organizations/me").then().statusCode(400).body("field", equalTo("timeZone"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("assistantTone", "SARCASTIC"))
                .when().patch("/api/organizations/me").then().statusCode(400).body("field", equalTo("assistantTone"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("locale", "fr-FR"))
                .when().patch("/api/organizations/me").then().statusCode(400).body("field", equalTo("locale"));

        given().auth().oauth2(admin).when().get("/api/organizations/me").then().statusCode(200)
                .body("autoReply", equalTo(true)).body("businessHours", equalTo(Map.of()));
        assertThat(outboxEvents(orgId, "ft9.tenant.organization.updated.v1")).isZero();
    }

    @Test
    void staff_search_organisations_by_name_or_slug_and_nobody_else_may() {
        String slug = slug();
        UUID orgId = open(slug, Map.of());
        given().auth().oauth2(TestTokens.superAdmin()).queryParam("q", slug.substring(4)).queryParam("size", 5)
                .when().get("/api/organizations")
                .then().statusCode(200).body("items.id", hasItem(orgId.toString())).body("size", equalTo(5));
        given().auth().oauth2(TestTokens.superAdmin()).queryParam("q", "CLÍNICA " + slug.toUpperCase())
                .when().get("/api/organizations").then().statusCode(200).body("total", equalTo(1));
        given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).when().get("/api/organizations").then().statusCode(403);
        given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).when().get("/api/organizations/" + orgId).then().statusCode(403);
    }

    @Test
    void staff_suspend_and_reactivate_once_each_with_an_event_for_each_change() {
        UUID orgId = open(slug(), Map.of());
        try (KafkaProbe events = KafkaProbe.tail("ft9.tenant.events")) {
            given().auth().oauth2(TestTokens.superAdmin()).when().post("/api/organizations/" + orgId + "/suspend")
                    .then().statusCode(200).body("status", equalTo("SUSPENDED"));
            given().auth().oauth2(TestTokens.superAdmin()).when().post("/api/organizations/" + orgId + "/suspend")
                    .then().statusCode(200).body("status", equalTo("SUSPENDED"));
            given().auth().oauth2(TestTokens.superAdmin()).when().post("/api/organizations/" + orgId + "/reactivate")
                    .then().statusCode(200).body("status", equalTo("ACTIVE"));

            // The creation's own event may still be on its way (the relay runs every second): skip it.
            ConsumerRecord<String, String> suspended = events.awaitRecord(r -> orgId.toString().equals(r.key())
                    && !KafkaProbe.cloudEvent(r).get("type").endsWith(".created.v1"), Duration.ofSeconds(15));
            assertThat(KafkaProbe.cloudEvent(suspended)).containsEntry("type", "ft9.tenant.organization.suspended.v1");
            assertThat(suspended.value()).contains("\"status\":\"SUSPENDED\"");
            ConsumerRecord<String, String> reactivated = events.awaitRecord(r -> orgId.toString().equals(r.key())
                    && !KafkaProbe.cloudEvent(r).get("type").endsWith(".created.v1"), Duration.ofSeconds(15));
            assertThat(KafkaProbe.cloudEvent(reactivated)).containsEntry("type", "ft9.tenant.organization.reactivated.v1");
        }
        assertThat(outboxEvents(orgId, "ft9.tenant.organization.suspended.v1")).isEqualTo(1);
        given().auth().oauth2(TestTokens.superAdmin()).when().post("/api/organizations/" + UUID.randomUUID() + "/suspend")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.member(orgId, "ORG_ADMIN")).when().post("/api/organizations/" + orgId + "/suspend")
                .then().statusCode(403);
    }

    @Test
    void a_first_admin_named_at_opening_travels_in_the_created_event() {
        String email = "dona-" + UUID.randomUUID().toString().substring(0, 6) + "@clinica.example";
        try (KafkaProbe events = KafkaProbe.tail("ft9.tenant.events")) {
            UUID orgId = open(slug(), Map.of("firstAdminEmail", email));
            ConsumerRecord<String, String> created = events.awaitRecord(r -> orgId.toString().equals(r.key()), Duration.ofSeconds(15));
            assertThat(created.value()).contains("\"firstAdminEmail\":\"" + email + "\"");
        }
    }
}
