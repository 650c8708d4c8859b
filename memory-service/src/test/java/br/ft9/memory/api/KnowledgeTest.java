package br.ft9.memory.api;

import static br.ft9.memory.support.Knowledge.admin;
import static br.ft9.memory.support.Knowledge.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.AuditEntries;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.memory.support.Knowledge;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The knowledge base over HTTP: items, hybrid search bounded by the organisation, changes seen at once, answers and hand-off. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
class KnowledgeTest {

    private static final String HOURS_Q = "Qual o horário de atendimento da clínica?";
    private static final String HOURS_A = "Atendemos de segunda a sexta, das 8h às 18h, e aos sábados das 8h às 12h.";

    private static final String BLOOD_TESTS = "Para o hemograma não é preciso jejum. Para glicemia e colesterol, faça jejum"
            + " de 8 a 12 horas. Traga o pedido médico e um documento com foto. Água pode ser bebida.";

    @Test
    void an_faq_is_searchable_at_once_and_only_by_its_own_organisation() {
        UUID clinic = UUID.randomUUID();
        UUID school = UUID.randomUUID();
        String id = Knowledge.faq(clinic, HOURS_Q, HOURS_A);
        Knowledge.text(clinic, "Convênios", "Aceitamos os convênios Unimed, Bradesco Saúde e SulAmérica. Consultas particulares custam R$ 250.");
        Knowledge.text(school, "Horário escolar", "As aulas começam às 7h30 e terminam às 12h30. A secretaria atende das 8h às 17h.");

        as(clinic, "ORG_AGENT").body("{\"query\":\"que horas vocês atendem?\"}").when().post("/api/knowledge/search").then()
                .statusCode(200).body("items[0].itemId", equalTo(id)).body("items[0].itemKind", equalTo("FAQ"))
                .body("items[0].text", containsString("segunda a sexta"));
        as(clinic, "ORG_AGENT").body("{\"query\":\"Bradesco\",\"mode\":\"bm25\"}").when().post("/api/knowledge/search").then()
                .statusCode(200).body("items[0].itemTitle", equalTo("Convênios")).body("items.size()", equalTo(1));
        as(school, "ORG_AGENT").body("{\"query\":\"" + HOURS_Q + "\"}").when().post("/api/knowledge/search").then()
                .statusCode(200).body("items.itemId", not(hasItem(id))).body("items.text", not(hasItem(containsString("convênios"))));
        as(UUID.randomUUID(), "ORG_ADMIN").body("{\"query\":\"Bradesco\"}").when().post("/api/knowledge/search").then()
                .statusCode(200).body("items", empty());
        admin(school).when().get("/api/knowledge/items/{id}", id).then().statusCode(404);
        admin(school).body("{\"title\":\"x\"}").when().patch("/api/knowledge/items/{id}", id).then().statusCode(404);
        admin(school).when().delete("/api/knowledge/items/{id}", id).then().statusCode(404);
        admin(clinic).queryParam("kind", "FAQ").when().get("/api/knowledge/items").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].question", equalTo(HOURS_Q)).body("items[0].tags[0]", equalTo("atendimento"));
        admin(clinic).queryParam("tag", "atendimento").when().get("/api/knowledge/items").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(id));
        admin(clinic).queryParam("tag", "convênio").when().get("/api/knowledge/items").then().statusCode(200).body("total", equalTo(0));
        admin(clinic).queryParam("enabled", "true").when().get("/api/knowledge/items").then().statusCode(200).body("total", equalTo(2));
        admin(clinic).queryParam("enabled", "false").when().get("/api/knowledge/items").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void editing_disabling_and_deleting_an_item_change_search_at_once() {
        UUID clinic = UUID.randomUUID();
        String id = Knowledge.faq(clinic, "Onde fica a clínica?", "Na Rua das Flores, 100, Boa Viagem.");
        admin(clinic).body("{\"answer\":\"Mudamos: agora na Avenida Conselheiro Aguiar, 2000.\"}").when()
                .patch("/api/knowledge/items/{id}", id).then().statusCode(200).body("answer", containsString("Aguiar"));
        as(clinic, "ORG_AGENT").body("{\"query\":\"endereço Aguiar\",\"mode\":\"bm25\"}").when().post("/api/knowledge/search").then()
                .statusCode(200).body("items[0].itemId", equalTo(id));
        as(clinic, "ORG_AGENT").body("{\"query\":\"Flores\",\"mode\":\"bm25\"}").when().post("/api/knowledge/search").then()
                .statusCode(200).body("items", empty());

        admin(clinic).body("{\"enabled\":false}").when().patch("/api/knowledge/items/{id}", id).then().statusCode(200);
        as(clinic, "ORG_AGENT").body("{\"query\":\"Aguiar\"}").when().post("/api/knowledge/search").then().statusCode(200)
                .body("items", empty());
        admin(clinic).body("{\"enabled\":true}").when().patch("/api/knowledge/items/{id}", id).then().statusCode(200);
        as(clinic, "ORG_AGENT").body("{\"query\":\"Aguiar\"}").when().post("/api/knowledge/search").then().statusCode(200)
                .body("items[0].itemId", equalTo(id));

        admin(clinic).when().delete("/api/knowledge/items/{id}", id).then().statusCode(204);
        as(clinic, "ORG_AGENT").body("{\"query\":\"Aguiar\"}").when().post("/api/knowledge/search").then().statusCode(200)
                .body("items", empty());
        assertThat(Knowledge.row("select count(*) from knowledge_chunk where item_id = $1", UUID.fromString(id)).getLong(0)).isZero();
        // the trail keeps each change with the item before and after: the old address can be told from the new
        assertThat(AuditEntries.of(clinic).stream().map(e -> e.path("action").asText()).toList()).containsExactly("knowledge.added",
                "knowledge.changed", "knowledge.changed", "knowledge.changed", "knowledge.removed");
        var moved = AuditEntries.of(clinic, "knowledge.changed").get(0);
        assertThat(moved.path("before").path("answer").asText()).contains("Rua das Flores");
        assertThat(moved.path("after").path("answer").asText()).contains("Aguiar");
        assertThat(AuditEntries.of(clinic, "knowledge.removed").get(0).path("before").path("enabled").asBoolean()).isTrue();
    }

    @Test
    void an_answer_cites_an_item_by_its_title_and_answer_as_last_changed_here_or_by_another_replica() {
        UUID clinic = UUID.randomUUID();
        String faq = Knowledge.faq(clinic, HOURS_Q, HOURS_A);
        String id = Knowledge.text(clinic, "Preparo para exames de sangue", BLOOD_TESTS);
        ask(clinic, "Preciso de jejum para o exame de colesterol?").body("citations[0].title", equalTo("Preparo para exames de sangue"));

        // Renamed here (its text unchanged, so not embedded again), and the FAQ's answer changed: both seen at once.
        admin(clinic).body("{\"title\":\"Exames de sangue: como se preparar\"}").when().patch("/api/knowledge/items/{id}", id)
                .then().statusCode(200);
        admin(clinic).body("{\"answer\":\"Atendemos de segunda a sexta, das 7h às 19h.\"}").when()
                .patch("/api/knowledge/items/{id}", faq).then().statusCode(200);
        ask(clinic, "Preciso de jejum para o exame de colesterol?").body("citations[0].title", equalTo("Exames de sangue: como se preparar"))
                .body("answer", containsString("Fonte: Exames de sangue: como se preparar"));
        ask(clinic, "qual o horário de atendimento?").body("answer", containsString("das 7h às 19h"));

        // Renamed by another replica: its commit moves the generation on, and the rebuilt index reads the new title.
        Knowledge.execute("update knowledge_item set title = 'Jejum antes dos exames' where id = $1", UUID.fromString(id));
        Knowledge.execute("update knowledge_generation set generation = generation + 1 where org_id = $1", clinic);
        ask(clinic, "Preciso de jejum para o exame de colesterol?").body("citations[0].title", equalTo("Jejum antes dos exames"));
    }

    @Test
    void a_clinic_whose_only_knowledge_is_one_titled_text_answers_in_the_words_of_its_title() {
        UUID clinic = UUID.randomUUID();
        // The text never says "preparo", "exame" or "sangue": its title does. Read without its title, this was handed off.
        Knowledge.text(clinic, "Preparo para exames de sangue", BLOOD_TESTS);

        ask(clinic, "Como é o preparo para o exame de sangue?").body("answer", containsString("jejum"))
                .body("answer", containsString("Fonte: Preparo para exames de sangue"));
    }

    private static io.restassured.response.ValidatableResponse ask(UUID orgId, String question) {
        return as(orgId, "ORG_AGENT").body("{\"question\":\"" + question + "\"}").when().post("/api/knowledge/rag").then()
                .statusCode(200).body("handoff", equalTo(false));
    }

    @Test
    void a_change_made_by_another_replica_is_seen_because_the_index_is_rebuilt_when_stale() {
        UUID clinic = UUID.randomUUID();
        String id = Knowledge.text(clinic, "Estacionamento", "Há estacionamento gratuito no subsolo.");
        as(clinic, "ORG_AGENT").body("{\"query\":\"estacionamento\",\"mode\":\"bm25\"}").when().post("/api/knowledge/search")
                .then().statusCode(200).body("items[0].text", containsString("gratuito"));

        // Another replica's commit: the rows change and the organisation's generation moves on.
        Knowledge.execute("update knowledge_chunk set text = 'Há estacionamento conveniado, R$ 10 a hora.' where item_id = $1",
                UUID.fromString(id));
        Knowledge.execute("update knowledge_generation set generation = generation + 1 where org_id = $1", clinic);

        as(clinic, "ORG_AGENT").body("{\"query\":\"estacionamento\",\"mode\":\"bm25\"}").when().post("/api/knowledge/search")
                .then().statusCode(200).body("items[0].text", containsString("conveniado"));
    }

    @Test
    void chunks_embedded_by_another_model_are_embedded_again_when_the_index_is_rebuilt() {
        UUID clinic = UUID.randomUUID();
        String id = Knowledge.text(clinic, "Vacinas", "Aplicamos vacinas de gripe e hepatite de segunda a sexta.");
        Knowledge.execute("update knowledge_chunk set model = 'an-older-model', embedding = '\\x00000000'::bytea"
                + " where item_id = $1", UUID.fromString(id));
        Knowledge.execute("update knowledge_generation set generation = generation + 1 where org_id = $1", clinic);

        as(clinic, "ORG_AGENT").body("{\"query\":\"vacina da gripe\",\"mode\":\"vector\"}").when().post("/api/knowledge/search")
                .then().statusCode(200).body("items[0].itemId", equalTo(id));
        var chunk = Knowledge.row("select model, length(embedding) from knowledge_chunk where item_id = $1", UUID.fromString(id));
        assertThat(chunk.getString(0)).isEqualTo("all-minilm-l6-v2");
        assertThat(chunk.getInteger(1)).isEqualTo(384 * 4);
    }

    @Test
    void without_a_language_model_the_answer_is_the_best_passage_with_its_source() {
        UUID clinic = UUID.randomUUID();
        String id = Knowledge.faq(clinic, HOURS_Q, HOURS_A);
        Knowledge.text(clinic, "Preparo para exames de sangue", BLOOD_TESTS);

        as(clinic, "ORG_AGENT").body("{\"question\":\"Preciso de jejum para o exame de colesterol?\"}").when()
                .post("/api/knowledge/rag").then().statusCode(200).body("handoff", equalTo(false)).body("mode", equalTo("extractive"))
                .body("answer", containsString("jejum de 8 a 12 horas"))
                .body("answer", containsString("Fonte: Preparo para exames de sangue"))
                .body("citations[0].title", equalTo("Preparo para exames de sangue"));
        as(clinic, "ORG_AGENT").body("{\"question\":\"qual o horário de atendimento?\"}").when().post("/api/knowledge/rag").then()
                .statusCode(200).body("answer", containsString(HOURS_A)).body("citations[0].itemId", equalTo(id));
    }

    @Test
    void a_question_the_knowledge_does_not_cover_gets_the_handoff_message_and_no_made_up_answer() {
        UUID clinic = UUID.randomUUID();
        Knowledge.profile(clinic, true, "Vou chamar alguém da recepção.", null);
        Knowledge.faq(clinic, HOURS_Q, HOURS_A);

        as(clinic, "ORG_AGENT").body("{\"question\":\"Qual vai ser a previsão do tempo amanhã em Olinda?\"}").when()
                .post("/api/knowledge/rag").then().statusCode(200).body("handoff", equalTo(true)).body("mode", equalTo("handoff"))
                .body("answer", equalTo("Vou chamar alguém da recepção.")).body("citations", empty());
    }

    @Test
    void outside_business_hours_the_handoff_says_when_a_person_will_answer() {
        UUID clinic = UUID.randomUUID();
        // Open one minute a week, an hour from now: closed now, with a next opening to announce.
        java.time.ZonedDateTime soon = java.time.ZonedDateTime.now(java.time.ZoneId.of("America/Recife")).plusHours(1);
        String day = soon.getDayOfWeek().name().toLowerCase();
        String open = "%02d:00".formatted(soon.getHour());
        String close = "%02d:59".formatted(soon.getHour());
        Knowledge.profile(clinic, true, "Um atendente vai responder.", "{\"" + day + "\":[{\"open\":\"" + open + "\",\"close\":\"" + close + "\"}]}");

        as(clinic, "ORG_AGENT").body("{\"question\":\"Vocês fazem clareamento dental?\"}").when().post("/api/knowledge/rag").then()
                .statusCode(200).body("handoff", equalTo(true))
                .body("answer", containsString("Um atendente vai responder. Nosso atendimento volta"))
                .body("answer", containsString(open));
    }

    @Test
    void bad_items_and_queries_are_refused_naming_the_field_and_agents_cannot_change_knowledge() {
        UUID clinic = UUID.randomUUID();
        admin(clinic).body("{\"kind\":\"FAQ\",\"question\":\"Sem resposta?\"}").when().post("/api/knowledge/items").then()
                .statusCode(400).contentType("application/problem+json").body(containsString("answer"));
        admin(clinic).body("{\"kind\":\"POEM\",\"title\":\"x\",\"body\":\"y\"}").when().post("/api/knowledge/items").then()
                .statusCode(400).body(containsString("kind"));
        admin(clinic).body("{\"kind\":\"TEXT\",\"title\":\"x\",\"body\":\"y\",\"color\":\"red\"}").when()
                .post("/api/knowledge/items").then().statusCode(400);
        admin(clinic).body("{\"query\":\"x\",\"mode\":\"psychic\"}").when().post("/api/knowledge/search").then().statusCode(400)
                .body(containsString("mode"));
        admin(clinic).body("{\"query\":\"\"}").when().post("/api/knowledge/search").then().statusCode(400);
        as(clinic, "ORG_AGENT").body("{\"kind\":\"TEXT\",\"title\":\"x\",\"body\":\"y\"}").when().post("/api/knowledge/items")
                .then().statusCode(403);
        assertThat(Knowledge.row("select count(*) from knowledge_item where org_id = $1", clinic).getLong(0)).isZero();
    }
}
