package br.ft9.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.support.Commands;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.gateway.support.Meta;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The conversation report: what the organisation's conversations did, counted from the gateway's own records. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class ConversationReportTest {

    private static RequestSpecification as(UUID orgId, UUID userId, String role) {
        return given().auth().oauth2(TestTokens.member(userId, orgId, role)).contentType("application/json");
    }


    @Test
    void the_last_days_count_conversations_opened_answered_by_the_assistant_handed_off_and_closed_with_their_delays_and_each_persons_replies() {
        Meta.Number clinic = Meta.connectedNumber();
        UUID julia = UUID.randomUUID();
        String answeredByBot = Meta.waId();
        String handedOff = Meta.waId();
        String unanswered = Meta.waId();
        Meta.contactWrites(clinic, answeredByBot, "Qual o horário?");
        Meta.contactWrites(clinic, handedOff, "Preciso remarcar");
        Meta.contactWrites(clinic, unanswered, "Oi");
        try (CloudEventSender kafka = new CloudEventSender()) {
            Commands.awaitOutcome(Commands.send(kafka, clinic.orgId(), answeredByBot, "bot", Commands.text("Das 8h às 18h.")));
        }
        String conversation = Meta.conversationOf(clinic, handedOff).toString();
        as(clinic.orgId(), julia, "ORG_AGENT").body("{\"text\":\"Claro! Qual dia?\"}").when()
                .post("/api/conversations/{id}/messages", conversation).then().statusCode(202);
        as(clinic.orgId(), julia, "ORG_AGENT").when().post("/api/conversations/{id}/close", conversation).then().statusCode(200);

        JsonPath report = as(clinic.orgId(), julia, "ORG_MANAGER").when().get("/api/conversations/report?days=7").then()
                .statusCode(200).extract().jsonPath();
        assertThat(report.getInt("totals.opened")).isEqualTo(3);
        assertThat(report.getInt("totals.answeredByAssistant")).isEqualTo(1);
        assertThat(report.getInt("totals.handedOff")).isEqualTo(1);
        assertThat(report.getInt("totals.closed")).isEqualTo(1);
        assertThat(report.getLong("totals.firstResponseMedian")).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(report.getLong("totals.resolutionMedian")).isNotNull().isGreaterThanOrEqualTo(0);
        List<String> days = report.getList("days.date");
        assertThat(days).hasSize(7).last().isEqualTo(LocalDate.now(ZoneId.of(report.getString("timeZone"))).toString());
        assertThat(report.getInt("days[6].figures.opened")).isEqualTo(3);
        assertThat(report.getInt("days[0].figures.opened")).isZero();
        assertThat(report.getList("agents.userId")).containsExactly(julia.toString());
        assertThat(report.getInt("agents[0].replies")).isEqualTo(1);
        assertThat(report.getLong("agents[0].replyDelayMedian")).isNotNull();

        as(clinic.orgId(), julia, "ORG_AGENT").when().get("/api/conversations/report?days=30").then().statusCode(200)
                .body("days.size()", equalTo(30)).body("totals.opened", equalTo(3));
        as(UUID.randomUUID(), julia, "ORG_ADMIN").when().get("/api/conversations/report?days=7").then().statusCode(200)
                .body("totals.opened", equalTo(0)).body("agents.size()", equalTo(0));
        as(clinic.orgId(), julia, "ORG_AGENT").when().get("/api/conversations/report?days=3").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("days"));
    }

    @Test
    void each_number_shows_its_last_message_received_and_sent_and_the_last_send_meta_refused_with_the_reason() {
        Meta.Number clinic = Meta.connectedNumber();
        String patient = Meta.waId();
        Meta.contactWrites(clinic, patient, "Bom dia");
        UUID manager = UUID.randomUUID();
        try (CloudEventSender kafka = new CloudEventSender()) {
            Commands.awaitOutcome(Commands.send(kafka, clinic.orgId(), patient, "bot", Commands.text("Bom dia! Como posso ajudar?")));
            GraphApiStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v23.0/" + clinic.phoneNumberId() + "/messages"))
                    .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                            .withHeader("Content-Type", "application/json").withBody("{\"error\": {\"message\": \"(#131026) Message"
                                    + " undeliverable\", \"type\": \"OAuthException\", \"code\": 131026, \"fbtrace_id\": \"Ax1\"}}")));
            Commands.awaitOutcome(Commands.send(kafka, clinic.orgId(), patient, "bot", Commands.text("Está aí?")));
        }
        JsonPath numbers = as(clinic.orgId(), manager, "ORG_MANAGER").when().get("/api/inbox/numbers").then().statusCode(200)
                .extract().jsonPath();
        assertThat(numbers.getList("phoneNumberId")).containsExactly(clinic.phoneNumberId());
        assertThat(numbers.getString("[0].lastReceivedAt")).isNotNull();
        assertThat(numbers.getString("[0].lastSentAt")).isNotNull();
        assertThat(numbers.getString("[0].lastErrorAt")).isNotNull();
        assertThat(numbers.getString("[0].lastError")).contains("Message undeliverable");
        as(UUID.randomUUID(), manager, "ORG_ADMIN").when().get("/api/inbox/numbers").then().statusCode(200).body("size()", equalTo(0));
        as(clinic.orgId(), manager, "ORG_AGENT").when().get("/api/inbox/numbers").then().statusCode(403);
    }
}
