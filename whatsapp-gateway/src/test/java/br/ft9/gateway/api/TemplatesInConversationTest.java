package br.ft9.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.gateway.support.Meta;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Approved templates in a conversation whose 24-hour window has closed: listed from the Graph API and sent to Meta. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class TemplatesInConversationTest {

    /**
     * Meta's documented answer to GET /{waba-id}/message_templates, one template of each status that matters (the
     * placeholders' braces written as JSON escapes, out of reach of WireMock's response templating).
     */
    private static final String TEMPLATES = """
            {"data": [
              {"name": "appointment_reminder", "language": "pt_BR", "status": "APPROVED", "category": "UTILITY",
               "id": "1234567890", "components": [
                 {"type": "HEADER", "format": "TEXT", "text": "Lembrete"},
                 {"type": "BODY", "text": "Olá \\u007b\\u007b1}}, sua consulta é \\u007b\\u007b2}}. Responda SIM para confirmar."},
                 {"type": "FOOTER", "text": "Clínica Sorriso"}]},
              {"name": "promo_black_friday", "language": "pt_BR", "status": "REJECTED", "category": "MARKETING",
               "id": "1234567891", "components": [{"type": "BODY", "text": "Descontos!"}]}],
             "paging": {"cursors": {"before": "MAZDZD", "after": "MjQZD"}}}""";

    private static RequestSpecification as(UUID orgId) {
        return given().auth().oauth2(TestTokens.member(orgId, "ORG_AGENT")).contentType("application/json");
    }

    @Test
    void after_the_window_closes_an_agent_sends_an_approved_template_with_its_values_and_meta_receives_exactly_that() {
        // Meta first refuses the token (it expired), then, renewed, lists the templates.
        GraphApiStub.server().stubFor(get(urlPathEqualTo("/v23.0/102290129340398/message_templates")).inScenario("token")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("renewed")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(401)
                        .withHeader("Content-Type", "application/json").withBody("{\"error\": {\"message\": \"Error validating access"
                                + " token: Session has expired.\", \"type\": \"OAuthException\", \"code\": 190,"
                                + " \"fbtrace_id\": \"AbCdEf\"}}")));
        GraphApiStub.server().stubFor(get(urlPathEqualTo("/v23.0/102290129340398/message_templates")).inScenario("token")
                .whenScenarioStateIs("renewed").withHeader("Authorization", equalTo("Bearer " + Meta.ACCESS_TOKEN))
                .willReturn(okJson(TEMPLATES)));
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi, queria remarcar");
        String conversation = Meta.conversationOf(number, contact).toString();
        Meta.execute("update contact set last_inbound_at = now() - interval '25 hours' where org_id = $1 and wa_id = $2",
                number.orgId(), contact);

        as(number.orgId()).body("{\"text\":\"Oi!\"}").when().post("/api/conversations/{id}/messages", conversation).then()
                .statusCode(409).body(containsString("template"));
        as(number.orgId()).when().get("/api/conversations/{id}/templates", conversation).then().statusCode(502)
                .contentType("application/problem+json").body("detail", containsString("Session has expired"));
        as(number.orgId()).when().get("/api/conversations/{id}/templates", conversation).then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1)).body("[0].name", org.hamcrest.Matchers.equalTo("appointment_reminder"))
                .body("[0].parameters", org.hamcrest.Matchers.equalTo(2))
                .body("[0].body", org.hamcrest.Matchers.equalTo("Olá {{1}}, sua consulta é {{2}}. Responda SIM para confirmar."));

        as(number.orgId()).body("{\"name\":\"appointment_reminder\",\"language\":\"pt_BR\",\"parameters\":[\"Ana\"]}")
                .when().post("/api/conversations/{id}/template", conversation).then().statusCode(400)
                .contentType("application/problem+json").body("field", org.hamcrest.Matchers.equalTo("parameters"));
        as(number.orgId()).body("{\"name\":\"promo_black_friday\",\"language\":\"pt_BR\",\"parameters\":[]}")
                .when().post("/api/conversations/{id}/template", conversation).then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("name"));
        as(UUID.randomUUID()).body("{\"name\":\"appointment_reminder\",\"language\":\"pt_BR\",\"parameters\":[\"Ana\",\"amanhã\"]}")
                .when().post("/api/conversations/{id}/template", conversation).then().statusCode(404);
        as(UUID.randomUUID()).when().get("/api/conversations/{id}/templates", conversation).then().statusCode(404);
        GraphApiStub.server().verify(0, postRequestedFor(urlPathEqualTo("/v23.0/" + number.phoneNumberId() + "/messages")));

        as(number.orgId()).body("{\"name\":\"appointment_reminder\",\"language\":\"pt_BR\",\"parameters\":[\"Ana\",\"amanhã às 14h\"]}")
                .when().post("/api/conversations/{id}/template", conversation).then().statusCode(202)
                .body("type", org.hamcrest.Matchers.equalTo("template")).body("origin", org.hamcrest.Matchers.equalTo("agent"))
                .body("text", org.hamcrest.Matchers.equalTo("Olá Ana, sua consulta é amanhã às 14h. Responda SIM para confirmar."));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> GraphApiStub.server().verify(1,
                postRequestedFor(urlPathEqualTo("/v23.0/" + number.phoneNumberId() + "/messages"))
                        .withRequestBody(matchingJsonPath("$.type", equalTo("template")))
                        .withRequestBody(matchingJsonPath("$.to", equalTo(contact)))
                        .withRequestBody(matchingJsonPath("$.template.name", equalTo("appointment_reminder")))
                        .withRequestBody(matchingJsonPath("$.template.language.code", equalTo("pt_BR")))
                        .withRequestBody(matchingJsonPath("$.template.components[0].parameters[0].text", equalTo("Ana")))
                        .withRequestBody(matchingJsonPath("$.template.components[0].parameters[1].text", equalTo("amanhã às 14h")))));
        as(number.orgId()).when().get("/api/conversations/{id}", conversation).then().statusCode(200)
                .body("mode", org.hamcrest.Matchers.equalTo("HUMAN"));
    }
}
