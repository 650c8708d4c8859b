package br.ft9.memory.api;

import static br.ft9.memory.support.Knowledge.admin;
import static br.ft9.memory.support.Knowledge.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.memory.support.Knowledge;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Patients' words, not the clinic's: an FAQ's other phrasings, the organisation's synonyms and a follow-up read with
 * the message before it, over HTTP.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
class PatientsWordsTest {

    private static final String XRAY_Q = "Vocês fazem radiografia na clínica?";
    private static final String XRAY_A = "Fazemos radiografias periapicais na própria clínica; a panorâmica é feita no centro de imagem parceiro.";

    private static String rag(UUID clinic, String json) {
        return as(clinic, "ORG_AGENT").body(json).when().post("/api/knowledge/rag").then().statusCode(200).extract().asString();
    }

    @Test
    void a_patient_s_wording_kept_as_a_phrasing_of_an_faq_is_answered_by_it() {
        UUID clinic = UUID.randomUUID();
        Knowledge.faq(clinic, "Qual o horário de atendimento da clínica?", "Atendemos de segunda a sexta, das 8h às 18h.");
        String parking = Knowledge.faq(clinic, "Tem estacionamento?", "O prédio tem estacionamento rotativo no subsolo.");
        String question = "{\"question\":\"onde deixo o carro quando for ai?\"}";
        as(clinic, "ORG_AGENT").body(question).when().post("/api/knowledge/rag").then().body("handoff", equalTo(true));

        admin(clinic).body("{\"phrasings\":[\"onde deixo o carro\",\"  onde deixo o carro \",\"tem onde parar o carro?\"]}")
                .when().patch("/api/knowledge/items/{id}", parking).then().statusCode(200)
                .body("phrasings", equalTo(java.util.List.of("onde deixo o carro", "tem onde parar o carro?")));
        as(clinic, "ORG_AGENT").body(question).when().post("/api/knowledge/rag").then().statusCode(200)
                .body("handoff", equalTo(false)).body("citations[0].itemId", equalTo(parking))
                .body("answer", containsString("estacionamento rotativo"));
        admin(clinic).body("{\"kind\":\"TEXT\",\"title\":\"t\",\"body\":\"b\",\"phrasings\":[\"x\"]}").when()
                .post("/api/knowledge/items").then().statusCode(400).body(containsString("phrasings"));
    }

    @Test
    void an_organisation_s_synonyms_join_the_patient_s_word_to_the_clinic_s_and_start_from_a_shared_list() {
        UUID clinic = UUID.randomUUID();
        String xray = Knowledge.faq(clinic, XRAY_Q, XRAY_A);
        admin(clinic).when().get("/api/knowledge/synonyms").then().statusCode(200).body("edited", equalTo(false))
                .body("groups", hasItem(hasItem("preço"))).body("startingLists.DENTAL", hasItem(hasItem("raio x")));
        as(clinic, "ORG_AGENT").body("{\"question\":\"vcs tiram chapa do dente ai?\"}").when().post("/api/knowledge/rag").then()
                .body("handoff", equalTo(true));

        admin(clinic).body("{\"groups\":[[\"Chapa\", \"radiografia\", \"raio x\"]]}").when().put("/api/knowledge/synonyms")
                .then().statusCode(200).body("edited", equalTo(true)).body("groups[0]", hasItem("chapa"));
        as(clinic, "ORG_AGENT").body("{\"question\":\"vcs tiram chapa do dente ai?\"}").when().post("/api/knowledge/rag").then()
                .statusCode(200).body("handoff", equalTo(false)).body("citations[0].itemId", equalTo(xray));

        admin(clinic).body("{\"groups\":[[\"só uma\"]]}").when().put("/api/knowledge/synonyms").then().statusCode(400)
                .contentType("application/problem+json").body(containsString("groups[0]"));
        as(clinic, "ORG_AGENT").body("{\"groups\":[[\"a\", \"b\"]]}").when().put("/api/knowledge/synonyms").then().statusCode(403);
        admin(UUID.randomUUID()).when().get("/api/knowledge/synonyms").then().statusCode(200).body("edited", equalTo(false));
    }

    @Test
    void a_short_follow_up_is_read_with_the_patient_s_previous_question() {
        UUID clinic = UUID.randomUUID();
        Knowledge.faq(clinic, "Qual o horário de atendimento da clínica?", "Atendemos de segunda a sexta, das 8h às 18h, e aos sábados das 8h às 12h.");
        String cleaning = Knowledge.faq(clinic, "Quanto custa uma limpeza?", "A limpeza custa R$ 180,00 particular.");
        String whitening = Knowledge.faq(clinic, "Quanto custa o clareamento?", "O clareamento de consultório custa R$ 1.200,00.");

        as(clinic, "ORG_AGENT").body("""
                {"question": "e quanto custa?", "turns": [
                  {"role": "contact", "text": "vcs fazem limpeza?"},
                  {"role": "assistant", "text": "A limpeza custa R$ 180,00 particular."}]}""").when()
                .post("/api/knowledge/rag").then().statusCode(200).body("handoff", equalTo(false))
                .body("citations[0].itemId", equalTo(cleaning));
        as(clinic, "ORG_AGENT").body("""
                {"question": "E quanto custa?", "turns": [{"role": "contact", "text": "vocês fazem clareamento dental?"}]}""")
                .when().post("/api/knowledge/rag").then().statusCode(200).body("handoff", equalTo(false))
                .body("citations[0].itemId", equalTo(whitening));
        as(clinic, "ORG_AGENT").body("{\"question\":\"e quanto custa?\",\"turns\":[{\"role\":\"robot\",\"text\":\"x\"}]}").when()
                .post("/api/knowledge/rag").then().statusCode(400).body(containsString("role"));
    }
}
