package br.ft9.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.gateway.support.Meta;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** The team's own words around conversations: private notes, labels and canned replies. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class TeamWordsTest {

    private static RequestSpecification as(UUID orgId, String role) {
        return given().auth().oauth2(TestTokens.member(orgId, role)).contentType("application/json");
    }


    @Test
    void a_private_note_shows_in_the_thread_for_the_team_and_never_reaches_the_contact() {
        Meta.Number clinic = Meta.connectedNumber();
        String patient = Meta.waId();
        Meta.contactWrites(clinic, patient, "Meu filho tem alergia a dipirona");
        String conversation = Meta.conversationOf(clinic, patient).toString();

        as(clinic.orgId(), "ORG_AGENT").body("{\"text\":\"Alergia a dipirona: avisar a Dra. Paula antes da consulta.\"}")
                .when().post("/api/conversations/{id}/notes", conversation).then().statusCode(201)
                .body("direction", equalTo("NOTE")).body("origin", equalTo("note")).body("status", equalTo(null));
        as(clinic.orgId(), "ORG_AGENT").when().get("/api/conversations/{id}/messages", conversation).then().statusCode(200)
                .body("items[0].direction", equalTo("NOTE")).body("items[0].text", equalTo("Alergia a dipirona: avisar a Dra. Paula antes da consulta."));
        as(clinic.orgId(), "ORG_AGENT").when().get("/api/conversations/{id}", conversation).then().statusCode(200)
                .body("lastMessageText", equalTo("Meu filho tem alergia a dipirona")).body("mode", equalTo("BOT"));
        GraphApiStub.server().verify(0, postRequestedFor(urlPathEqualTo("/v23.0/" + clinic.phoneNumberId() + "/messages")));

        as(clinic.orgId(), "ORG_AGENT").body("{\"text\":\"  \"}").when().post("/api/conversations/{id}/notes", conversation).then()
                .statusCode(400).contentType("application/problem+json");
        as(UUID.randomUUID(), "ORG_ADMIN").body("{\"text\":\"intrusa\"}").when().post("/api/conversations/{id}/notes", conversation)
                .then().statusCode(404);
    }

    @Test
    void labels_are_kept_lower_case_once_each_and_the_list_filters_by_one() {
        Meta.Number clinic = Meta.connectedNumber();
        String patient = Meta.waId();
        String other = Meta.waId();
        Meta.contactWrites(clinic, patient, "Quanto custa o aparelho?");
        Meta.contactWrites(clinic, other, "Oi");
        String conversation = Meta.conversationOf(clinic, patient).toString();

        as(clinic.orgId(), "ORG_AGENT").body("{\"labels\":[\"Orçamento\", \"aparelho ortodôntico\", \"orçamento\"]}")
                .when().put("/api/conversations/{id}/labels", conversation).then().statusCode(200)
                .body("labels", org.hamcrest.Matchers.contains("orçamento", "aparelho ortodôntico"));
        var labelled = as(clinic.orgId(), "ORG_AGENT").when().get("/api/conversations?label=Orçamento").then().statusCode(200)
                .extract().jsonPath();
        assertThat(labelled.getList("items.id")).containsExactly(conversation);
        as(clinic.orgId(), "ORG_AGENT").when().get("/api/conversations?label=convênio").then().statusCode(200).body("total", equalTo(0));
        as(clinic.orgId(), "ORG_AGENT").when().get("/api/conversations/labels").then().statusCode(200)
                .body("", org.hamcrest.Matchers.contains("aparelho ortodôntico", "orçamento"));
        as(UUID.randomUUID(), "ORG_AGENT").when().get("/api/conversations/labels").then().statusCode(200).body("size()", equalTo(0));

        as(clinic.orgId(), "ORG_AGENT").body("{\"labels\":[\"!!\"]}").when().put("/api/conversations/{id}/labels", conversation)
                .then().statusCode(400).body("field", equalTo("labels"));
        as(clinic.orgId(), "ORG_AGENT").body("{\"labels\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}")
                .when().put("/api/conversations/{id}/labels", conversation).then().statusCode(400);
        as(clinic.orgId(), "ORG_AGENT").when().get("/api/conversations/{id}", conversation).then()
                .body("labels", org.hamcrest.Matchers.contains("orçamento", "aparelho ortodôntico"));
    }

    @Test
    void admins_and_managers_keep_canned_replies_by_shortcut_and_everyone_reads_them() {
        UUID clinic = UUID.randomUUID();
        as(clinic, "ORG_AGENT").body("{\"shortcut\":\"/horario\",\"text\":\"Atendemos das 8h às 18h.\"}").when()
                .post("/api/conversations/replies").then().statusCode(403);
        String id = as(clinic, "ORG_MANAGER").body("{\"shortcut\":\"Horario\",\"text\":\"Olá, {{contact.name}}! Atendemos das 8h às 18h.\"}")
                .when().post("/api/conversations/replies").then().statusCode(201).body("shortcut", equalTo("/horario"))
                .extract().path("id");
        as(clinic, "ORG_ADMIN").body("{\"shortcut\":\"/horario\",\"text\":\"outra\"}").when().post("/api/conversations/replies")
                .then().statusCode(409).body("field", equalTo("shortcut"));
        as(clinic, "ORG_ADMIN").body("{\"shortcut\":\"/hor ário\",\"text\":\"x\"}").when().post("/api/conversations/replies")
                .then().statusCode(400).body("field", equalTo("shortcut"));
        as(clinic, "ORG_AGENT").when().get("/api/conversations/replies").then().statusCode(200)
                .body("[0].shortcut", equalTo("/horario")).body("[0].text", equalTo("Olá, {{contact.name}}! Atendemos das 8h às 18h."));
        as(clinic, "ORG_ADMIN").body("{\"shortcut\":\"/horario\",\"text\":\"Das 8h às 18h, e sábado das 8h às 12h.\"}")
                .when().put("/api/conversations/replies/{id}", id).then().statusCode(200).body("text", equalTo("Das 8h às 18h, e sábado das 8h às 12h."));
        as(UUID.randomUUID(), "ORG_ADMIN").when().delete("/api/conversations/replies/{id}", id).then().statusCode(404);
        as(UUID.randomUUID(), "ORG_ADMIN").when().get("/api/conversations/replies").then().statusCode(200).body("size()", equalTo(0));
        as(clinic, "ORG_ADMIN").when().delete("/api/conversations/replies/{id}", id).then().statusCode(204);
        as(clinic, "ORG_AGENT").when().get("/api/conversations/replies").then().statusCode(200).body("size()", equalTo(0));
    }
}
