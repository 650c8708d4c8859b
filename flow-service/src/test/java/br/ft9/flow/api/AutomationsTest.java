package br.ft9.flow.api;

import static br.ft9.flow.support.Flows.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.UUID;

import org.awaitility.Awaitility;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.AuditEntries;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.flow.support.Flows;
import br.ft9.flow.support.ThirdPartyStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Automations over HTTP: validation pointing at the field, versions, templates, roles and isolation. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(ThirdPartyStubs.class)
class AutomationsTest {

    private static final String WELCOME = """
            {"trigger": {"type": "message_received", "match": "first_message"},
             "steps": [{"type": "send_whatsapp", "text": "Olá {{contact.name}}!"}]}""";

    @Test
    void an_invalid_definition_is_refused_with_every_problem_and_its_path_and_nothing_is_saved() {
        UUID org = UUID.randomUUID();
        as(org, "ORG_ADMIN").body("{\"name\":\"Quebrada\",\"definition\":{\"trigger\":{\"type\":\"message_received\"},"
                + "\"steps\":[{\"type\":\"send_whatsapp\",\"template\":{\"language\":\"pt_BR\"}},{\"type\":\"delay\"}]}}")
                .when().post("/api/automations").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("steps[0].template.name"))
                .body("violations.path", hasItems("steps[0].template.name", "steps[1]"));
        as(org, "ORG_ADMIN").when().get("/api/automations").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void editing_a_definition_makes_a_new_version_every_version_is_kept_and_templates_start_new_automations() {
        UUID org = UUID.randomUUID();
        String id = Flows.automation(org, WELCOME, true);
        as(org, "ORG_MANAGER").body("{\"definition\":" + WELCOME.replace("Olá", "Oi") + "}").when()
                .patch("/api/automations/{id}", id).then().statusCode(200).body("version", equalTo(2))
                .body("definition.steps[0].text", equalTo("Oi {{contact.name}}!"));
        as(org, "ORG_MANAGER").body("{\"status\":\"PAUSED\"}").when().patch("/api/automations/{id}", id).then().statusCode(200)
                .body("status", equalTo("PAUSED")).body("version", equalTo(2));
        // the trail has the manager's two changes, the definition before and after the first, the status in the second
        var changes = AuditEntries.of(org, "automation.changed");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).path("actorRole").asText()).isEqualTo("ORG_MANAGER");
        assertThat(changes.get(0).path("before").path("definition").path("steps").get(0)
                .path("text").asText()).isEqualTo("Olá {{contact.name}}!");
        assertThat(changes.get(0).path("after").path("version").asInt()).isEqualTo(2);
        assertThat(changes.get(1).path("after").path("status").asText()).isEqualTo("PAUSED");
        assertThat(changes.get(1).path("after").has("webhookSecret")).isFalse();
        as(org, "ORG_AGENT").when().get("/api/automations/{id}/versions", id).then().statusCode(200)
                .body("version", contains(2, 1))
                .body("[0].definition.steps[0].text", equalTo("Oi {{contact.name}}!"))
                .body("[1].definition.steps[0].text", equalTo("Olá {{contact.name}}!"));
        as(UUID.randomUUID(), "ORG_ADMIN").when().get("/api/automations/{id}/versions", id).then().statusCode(404);
        as(org, "ORG_AGENT").when().get("/api/automations/templates").then().statusCode(200)
                .body("key", hasItems("welcome_message", "after_hours_reply", "keyword_handoff"));
        as(org, "ORG_ADMIN").body("{\"template\":\"welcome_message\",\"status\":\"ACTIVE\"}").when()
                .post("/api/automations/from-template").then().statusCode(201).body("name", equalTo("Boas-vindas"))
                .body("oncePerContact", equalTo(true)).body("triggerType", equalTo("message_received"));
        as(org, "ORG_ADMIN").body("{\"template\":\"horoscope\"}").when().post("/api/automations/from-template").then()
                .statusCode(400).body(containsString("template"));
    }

    @Test
    void activating_beyond_the_plans_number_of_active_automations_is_refused() {
        UUID org = UUID.randomUUID();
        try (br.ft9.common.testing.CloudEventSender kafka = new br.ft9.common.testing.CloudEventSender()) {
            kafka.send("ft9.tenant.events", org.toString(), UUID.randomUUID().toString(), "ft9.tenant.limits.changed.v1",
                    "tenant-service", org.toString(), "{\"orgId\":\"%s\",\"plan\":\"STARTER\",\"messagesPerMonth\":1000,"
                            .formatted(org) + "\"knowledgeItems\":50,\"automations\":1,\"seats\":3}");
        }
        Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> Flows.row(
                "select active_automations_limit from organization_profile where org_id = $1", org) != null);
        Flows.automation(org, WELCOME, false);
        as(org, "ORG_ADMIN").body("{\"name\":\"Segunda\",\"status\":\"ACTIVE\",\"definition\":" + WELCOME + "}").when()
                .post("/api/automations").then().statusCode(409).body("detail", containsString("allows 1 active"));
        String draft = as(org, "ORG_ADMIN").body("{\"name\":\"Rascunho\",\"definition\":" + WELCOME + "}").when()
                .post("/api/automations").then().statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");
        as(org, "ORG_ADMIN").body("{\"status\":\"ACTIVE\"}").when().patch("/api/automations/{id}", draft).then().statusCode(409);
    }

    @Test
    void agents_read_but_do_not_change_automations_and_other_organisations_see_nothing() {
        UUID org = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String id = Flows.automation(org, WELCOME, false);
        as(org, "ORG_AGENT").when().get("/api/automations").then().statusCode(200).body("items.id", hasItem(id));
        as(org, "ORG_AGENT").body("{\"status\":\"PAUSED\"}").when().patch("/api/automations/{id}", id).then().statusCode(403);
        as(other, "ORG_ADMIN").when().get("/api/automations/{id}", id).then().statusCode(404);
        as(other, "ORG_ADMIN").body("{\"status\":\"PAUSED\"}").when().patch("/api/automations/{id}", id).then().statusCode(404);
        as(other, "ORG_ADMIN").when().get("/api/automations/{id}/runs", id).then().statusCode(404);
        as(other, "ORG_ADMIN").when().delete("/api/automations/{id}", id).then().statusCode(404);
        as(other, "ORG_ADMIN").when().get("/api/automations").then().statusCode(200).body("total", equalTo(0));
        as(org, "ORG_ADMIN").when().delete("/api/automations/{id}", id).then().statusCode(204);
    }
}
