package br.ft9.memory.api;

import static br.ft9.memory.support.Knowledge.as;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.memory.support.Knowledge;
import br.ft9.memory.support.OpenAiStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** With a language model configured (an OpenAI-compatible stub): grounded answers with citations, its hand-off, and a fallback. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(OpenAiStub.class)
class LanguageModelAnswersTest {


    @Test
    void the_model_answers_from_the_passages_in_the_organisations_voice_and_its_citations_name_the_items() {
        UUID clinic = UUID.randomUUID();
        Knowledge.profile(clinic, true, null, null);
        String exams = Knowledge.text(clinic, "Preparo para exames de sangue", "Para glicemia e colesterol, faça jejum de 8 a "
                + "12 horas. Para o hemograma não é preciso jejum.");
        OpenAiStub.server().stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("colesterol"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(OpenAiStub.completion("Sim: para o exame de colesterol, jejum de 8 a 12 horas [1]."))));

        as(clinic, "ORG_AGENT").body("{\"question\":\"Preciso de jejum para o exame de colesterol?\"}").when()
                .post("/api/knowledge/rag").then().statusCode(200).body("mode", equalTo("llm")).body("handoff", equalTo(false))
                .body("answer", equalTo("Sim: para o exame de colesterol, jejum de 8 a 12 horas [1]."))
                .body("citations[0].itemId", equalTo(exams)).body("citations[0].title", equalTo("Preparo para exames de sangue"));

        LoggedRequest request = OpenAiStub.server().findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("colesterol"))).get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sk-test-only");
        assertThat(request.getBodyAsString()).contains("a Sofia, assistente da clínica").contains("Clínica Sorriso")
                .contains("[1] (Preparo para exames de sangue)").contains("Pergunta: Preciso de jejum para o exame de colesterol?")
                .contains("\"gpt-4o-mini\"");
    }

    @Test
    void a_message_delivered_twice_asks_the_model_once() {
        UUID clinic = UUID.randomUUID();
        Knowledge.profile(clinic, true, null, null);
        Knowledge.text(clinic, "Preparo para triglicerídeos", "Para o exame de triglicerídeos, faça jejum de 12 horas e evite"
                + " álcool nas 72 horas antes.");
        OpenAiStub.server().stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("exame de triglicer"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(OpenAiStub.completion("Jejum de 12 horas, sem álcool nas 72 horas antes [1]."))));
        String waId = "5581977770101";
        String twice = UUID.randomUUID().toString();
        String question = Knowledge.received(clinic, waId, "Qual o jejum para o exame de triglicerídeos?", "BOT");
        String next = Knowledge.received(clinic, waId, "E posso beber álcool antes do exame de triglicerídeos no sábado cedo?", "BOT");
        try (CloudEventSender kafka = new CloudEventSender()) {
            Knowledge.publish(kafka, twice, clinic, waId, question);
            Knowledge.publish(kafka, twice, clinic, waId, question); // Kafka delivers at least once
            Knowledge.publish(kafka, UUID.randomUUID().toString(), clinic, waId, next); // same contact: read after both
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Knowledge.row("select count(*) from event_outbox"
                + " where type = 'ft9.whatsapp.command.send_message.v1' and org_id = $1", clinic).getLong(0) == 2);

        assertThat(OpenAiStub.server().findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("Pergunta: Qual o jejum para o exame de triglicer"))))
                .as("the redelivery was recognised before the model was asked").hasSize(1);
    }

    @Test
    void when_the_model_says_the_passages_do_not_answer_the_contact_is_handed_to_a_person() {
        UUID clinic = UUID.randomUUID();
        Knowledge.profile(clinic, true, "Vou chamar a recepção.", null);
        Knowledge.text(clinic, "Tomografia", "A tomografia é feita no Hospital Central, com agendamento pela central.");
        OpenAiStub.server().stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("contraste"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(OpenAiStub.completion("HANDOFF"))));

        as(clinic, "ORG_AGENT").body("{\"question\":\"A tomografia com contraste exige jejum?\"}").when()
                .post("/api/knowledge/rag").then().statusCode(200).body("handoff", equalTo(true))
                .body("answer", equalTo("Vou chamar a recepção."));
    }

    @Test
    void when_the_model_fails_the_answer_comes_from_the_passages() {
        UUID clinic = UUID.randomUUID();
        Knowledge.text(clinic, "Raio-X", "O raio-x é feito por ordem de chegada, das 7h às 19h, sem agendamento.");
        OpenAiStub.server().stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("raio-x"))
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"overloaded\"}}")));

        as(clinic, "ORG_AGENT").body("{\"question\":\"Precisa agendar o raio-x?\"}").when().post("/api/knowledge/rag").then()
                .statusCode(200).body("mode", equalTo("extractive")).body("answer", containsString("sem agendamento"));
    }
}
