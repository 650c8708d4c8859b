package br.ft9.memory.events;

import static br.ft9.memory.support.Knowledge.admin;
import static br.ft9.memory.support.Knowledge.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.memory.support.Knowledge;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Gaps: questions the assistant handed off for lack of knowledge are kept with what a person then replied, grouped for
 * the admin, and an FAQ made from a group closes it and answers the next such question.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
class KnowledgeGapsTest {

    private static String received(UUID orgId, String waId, String text) {
        return ("{\"orgId\":\"%s\",\"messageId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"%s\",\"profileName\":\"Maria\","
                + "\"phoneNumberId\":\"106540352242922\",\"waMessageId\":\"wamid.%s\",\"type\":\"text\",\"text\":\"%s\","
                + "\"sentAt\":\"2026-11-25T12:00:00Z\",\"conversationId\":\"%s\",\"conversationMode\":\"BOT\"}")
                .formatted(orgId, UUID.randomUUID(), contact(waId), waId, UUID.randomUUID(), text, conversation(orgId, waId));
    }

    private static UUID contact(String waId) {
        return UUID.nameUUIDFromBytes(waId.getBytes());
    }

    private static UUID conversation(UUID orgId, String waId) {
        return UUID.nameUUIDFromBytes((orgId + waId).getBytes());
    }

    private static void asks(CloudEventSender kafka, UUID orgId, String waId, String text) {
        kafka.send("ft9.whatsapp.inbound", orgId + ":" + waId, UUID.randomUUID().toString(), "ft9.whatsapp.message.received.v1",
                "whatsapp-gateway", orgId.toString(), received(orgId, waId, text));
    }

    private static void personReplies(CloudEventSender kafka, String eventId, UUID orgId, String waId, String text) {
        personReplies(kafka, eventId, orgId, waId, text, java.time.OffsetDateTime.now());
    }

    private static void personReplies(CloudEventSender kafka, String eventId, UUID orgId, String waId, String text,
            java.time.OffsetDateTime at) {
        kafka.send("ft9.whatsapp.inbound", orgId + ":" + waId, eventId, "ft9.whatsapp.conversation.agent_replied.v1",
                "whatsapp-gateway", orgId.toString(), ("{\"orgId\":\"%s\",\"conversationId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"%s\","
                        + "\"messageId\":\"%s\",\"agentId\":\"%s\",\"text\":\"%s\",\"at\":\"%s\"}").formatted(orgId, conversation(orgId, waId),
                                contact(waId), waId, UUID.randomUUID(), UUID.randomUUID(), text, at));
    }

    private static long gaps(UUID orgId, String where) {
        return Knowledge.row("select count(*) from knowledge_gap where org_id = $1 and " + where, orgId).getLong(0);
    }

    @Test
    void handed_off_questions_are_grouped_with_a_persons_reply_and_an_faq_made_from_a_group_closes_it_and_answers_the_next_one() {
        UUID clinic = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Knowledge.faq(clinic, "Vocês aceitam o convênio Unimed?", "Sim, aceitamos Unimed em todas as especialidades.");
        try (CloudEventSender kafka = new CloudEventSender()) {
            asks(kafka, clinic, "5581911112001", "Vocês atendem aos sábados?");
            asks(kafka, clinic, "5581911112002", "vcs atendem sabado?");
            asks(kafka, clinic, "5581911112003", "Qual o valor do clareamento?");
            asks(kafka, clinic, "5581911112004", "Aceitam Unimed?"); // answered: no gap
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gaps(clinic, "true") == 3);

            String replyId = UUID.randomUUID().toString();
            personReplies(kafka, replyId, clinic, "5581911112001", "Sim, aos sábados das 8h às 12h.");
            personReplies(kafka, replyId, clinic, "5581911112001", "Sim, aos sábados das 8h às 12h."); // redelivered
            personReplies(kafka, UUID.randomUUID().toString(), clinic, "5581911112001", "Com hora marcada.");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gaps(clinic, "answer like '%hora marcada%'") == 1);
        }

        JsonPath found = as(clinic, "ORG_AGENT").when().get("/api/knowledge/gaps").then().statusCode(200)
                .body("questions", equalTo(3)).extract().jsonPath();
        assertThat(found.getList("groups.count", Integer.class)).containsExactly(2, 1);
        assertThat(found.getList("groups[0].examples", String.class))
                .containsExactlyInAnyOrder("Vocês atendem aos sábados?", "vcs atendem sabado?");
        assertThat(found.getString("groups[0].answer")).isEqualTo("Sim, aos sábados das 8h às 12h.\nCom hora marcada.");
        assertThat(found.getString("groups[1].question")).isEqualTo("Qual o valor do clareamento?");
        assertThat(found.getString("groups[1].answer")).isNull();
        as(other, "ORG_ADMIN").when().get("/api/knowledge/gaps").then().statusCode(200).body("groups.size()", equalTo(0));

        List<String> saturday = found.getList("groups[0].gapIds", String.class);
        admin(clinic).body("{\"kind\":\"FAQ\",\"question\":\"Vocês atendem aos sábados?\",\"answer\":\"Sim, aos sábados das 8h às 12h,"
                + " com hora marcada.\",\"resolvesGaps\":[\"" + String.join("\",\"", saturday) + "\"]}")
                .when().post("/api/knowledge/items").then().statusCode(201);
        assertThat(gaps(clinic, "closed_at is not null and resolved_item_id is not null")).isEqualTo(2);
        as(clinic, "ORG_AGENT").when().get("/api/knowledge/gaps").then().statusCode(200).body("groups.size()", equalTo(1))
                .body("groups[0].question", equalTo("Qual o valor do clareamento?"));
        as(clinic, "ORG_AGENT").body("{\"question\":\"Vocês atendem aos sábados?\"}").when().post("/api/knowledge/rag").then()
                .statusCode(200).body("handoff", equalTo(false)).body("citations[0].title", equalTo("Vocês atendem aos sábados?"));

        String whitening = as(clinic, "ORG_AGENT").when().get("/api/knowledge/gaps").then().extract().path("groups[0].gapIds[0]");
        as(clinic, "ORG_AGENT").body("{\"gapIds\":[\"" + whitening + "\"]}").when().post("/api/knowledge/gaps/dismiss").then()
                .statusCode(403);
        admin(other).body("{\"gapIds\":[\"" + whitening + "\"]}").when().post("/api/knowledge/gaps/dismiss").then()
                .statusCode(200).body("closed", equalTo(0));
        admin(clinic).body("{\"gapIds\":[]}").when().post("/api/knowledge/gaps/dismiss").then().statusCode(400)
                .contentType("application/problem+json");
        admin(clinic).body("{\"gapIds\":[\"" + whitening + "\"]}").when().post("/api/knowledge/gaps/dismiss").then()
                .statusCode(200).body("closed", equalTo(1));
        as(clinic, "ORG_AGENT").when().get("/api/knowledge/gaps").then().statusCode(200).body("groups.size()", equalTo(0));
    }

    @Test
    void a_persons_reply_a_day_after_the_question_or_before_it_is_not_taken_as_its_answer() {
        UUID clinic = UUID.randomUUID();
        String waId = "5581911112101";
        try (CloudEventSender kafka = new CloudEventSender()) {
            asks(kafka, clinic, waId, "Vocês fazem aparelho ortodôntico?");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gaps(clinic, "true") == 1);
            java.time.OffsetDateTime now = java.time.OffsetDateTime.now();

            personReplies(kafka, UUID.randomUUID().toString(), clinic, waId, "Bom dia!", now.minusMinutes(5));
            personReplies(kafka, UUID.randomUUID().toString(), clinic, waId, "Fazemos sim.", now.plusHours(25));
            personReplies(kafka, UUID.randomUUID().toString(), clinic, waId, "Sim, com a Dra. Ana.", now.plusMinutes(3));
            // the three replies share a key, so once the last is read the two before it were too
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gaps(clinic, "answer is not null") == 1);
        }
        assertThat(Knowledge.row("select answer from knowledge_gap where org_id = $1", clinic).getString(0))
                .isEqualTo("Sim, com a Dra. Ana.");
    }
}
