package br.ft9.memory.events;

import static br.ft9.memory.support.Knowledge.admin;
import static br.ft9.memory.support.Knowledge.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.memory.support.Knowledge;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A contact's data in memory-service (and its retention) (the assistant's turns with them, their handed-off questions): given whole for their
 * export, and erased on the gateway's request, confirmed by an event; another contact's data stays.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
class ContactErasureTest {

    private static void asks(CloudEventSender kafka, UUID orgId, UUID contactId, String waId, String text) {
        kafka.send("ft9.whatsapp.inbound", orgId + ":" + waId, UUID.randomUUID().toString(), "ft9.whatsapp.message.received.v1",
                "whatsapp-gateway", orgId.toString(), ("{\"orgId\":\"%s\",\"messageId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"%s\","
                        + "\"profileName\":\"Maria\",\"phoneNumberId\":\"106540352242922\",\"waMessageId\":\"wamid.%s\",\"type\":\"text\","
                        + "\"text\":\"%s\",\"sentAt\":\"2026-11-25T12:00:00Z\",\"conversationId\":\"%s\",\"conversationMode\":\"BOT\"}")
                        .formatted(orgId, UUID.randomUUID(), contactId, waId, UUID.randomUUID(), text, UUID.randomUUID()));
    }

    private static JsonPath export(UUID orgId, UUID contactId) {
        return admin(orgId).body("{\"contactId\":\"" + contactId + "\"}").when().post("/api/knowledge/contact-exports").then()
                .statusCode(200).extract().jsonPath();
    }

    private static long gaps(UUID orgId, UUID contactId) {
        return Knowledge.row("select count(*) from knowledge_gap where org_id = $1 and contact_id = $2", orgId, contactId).getLong(0);
    }

    @Test
    void a_contacts_turns_and_handed_off_questions_are_exported_then_erased_on_request_and_the_erasure_is_confirmed() {
        UUID clinic = UUID.randomUUID();
        UUID maria = UUID.randomUUID();
        UUID joao = UUID.randomUUID();
        Knowledge.faq(clinic, "Vocês aceitam o convênio Unimed?", "Sim, aceitamos Unimed em todas as especialidades.");
        try (CloudEventSender kafka = new CloudEventSender(); KafkaProbe memoryEvents = KafkaProbe.tail("ft9.memory.events")) {
            asks(kafka, clinic, maria, "5581922223001", "Aceitam Unimed?");
            asks(kafka, clinic, maria, "5581922223001", "Qual o valor do clareamento?");
            asks(kafka, clinic, joao, "5581922223002", "Aceitam Unimed?");
            asks(kafka, clinic, joao, "5581922223002", "Qual o valor do clareamento?");
            // Each question and what the assistant said (an answer, or its hand-off) are turns; a hand-off is also a gap.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gaps(clinic, maria) == 1 && gaps(clinic, joao) == 1
                    && export(clinic, maria).getList("recentTurns").size() == 4 && export(clinic, joao).getList("recentTurns").size() == 4);

            JsonPath before = export(clinic, maria);
            assertThat(before.getList("recentTurns.text", String.class)).contains("Aceitam Unimed?", "Qual o valor do clareamento?");
            assertThat(before.getList("recentTurns.role", String.class)).containsExactly("contact", "assistant", "contact", "assistant");
            assertThat(before.getList("unansweredQuestions.question", String.class)).containsExactly("Qual o valor do clareamento?");
            as(clinic, "ORG_AGENT").body("{\"contactId\":\"" + maria + "\"}").when().post("/api/knowledge/contact-exports").then()
                    .statusCode(403);

            UUID erasure = UUID.randomUUID();
            String request = ("{\"erasureId\":\"%s\",\"orgId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"5581922223001\","
                    + "\"requestedAt\":\"2026-11-30T12:00:00Z\"}").formatted(erasure, clinic, maria);
            String eventId = UUID.randomUUID().toString();
            kafka.send("ft9.whatsapp.inbound", clinic + ":5581922223001", eventId, "ft9.whatsapp.contact.erasure_requested.v1",
                    "whatsapp-gateway", clinic.toString(), request);
            kafka.send("ft9.whatsapp.inbound", clinic + ":5581922223001", eventId, "ft9.whatsapp.contact.erasure_requested.v1",
                    "whatsapp-gateway", clinic.toString(), request); // delivered twice: confirmed once

            ConsumerRecord<String, String> confirmed = memoryEvents.awaitRecord(r -> r.value().contains(erasure.toString()),
                    Duration.ofSeconds(30));
            assertThat(KafkaProbe.header(confirmed, "ce_type")).contains("ft9.memory.contact.erased.v1");
            assertThat(JsonPath.from(confirmed.value()).getString("service")).isEqualTo("memory-service");
            assertThat(JsonPath.from(confirmed.value()).getString("contactId")).isEqualTo(maria.toString());
            assertThatThrownBy(() -> memoryEvents.awaitRecord(r -> r.value().contains(erasure.toString()), Duration.ofSeconds(3)));
        }
        JsonPath after = export(clinic, maria);
        assertThat(after.getList("recentTurns")).isEmpty();
        assertThat(after.getList("unansweredQuestions")).isEmpty();
        assertThat(gaps(clinic, maria)).isZero();
        assertThat(gaps(clinic, joao)).isEqualTo(1);
        assertThat(export(clinic, joao).getList("recentTurns")).hasSize(4);
    }

    private static void assertThatThrownBy(Runnable call) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call::run).isInstanceOf(org.awaitility.core.ConditionTimeoutException.class);
    }

    @Test
    void questions_older_than_the_organisations_retention_are_deleted_and_younger_ones_kept() {
        UUID clinic = UUID.randomUUID();
        UUID maria = UUID.randomUUID();
        Knowledge.faq(clinic, "Vocês aceitam o convênio Unimed?", "Sim, aceitamos Unimed em todas as especialidades.");
        try (CloudEventSender kafka = new CloudEventSender()) {
            kafka.send("ft9.tenant.events", clinic.toString(), UUID.randomUUID().toString(), "ft9.tenant.organization.updated.v1",
                    "tenant-service", clinic.toString(), ("{\"orgId\":\"%s\",\"name\":\"Clínica Breve\",\"timeZone\":\"America/Recife\","
                            + "\"locale\":\"pt-BR\",\"status\":\"ACTIVE\",\"autoReply\":true,\"messageRetentionDays\":30}").formatted(clinic));
            asks(kafka, clinic, maria, "5581922223003", "Vocês fazem implante?");
            asks(kafka, clinic, maria, "5581922223003", "Aceitam cheque?");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gaps(clinic, maria) == 2 && Knowledge.row(
                "select count(*) from organization_profile where org_id = $1 and message_retention_days = 30", clinic).getLong(0) == 1);
        Knowledge.row("update knowledge_gap set asked_at = now() - interval '40 days' where org_id = $1 and question = $2"
                + " returning id", clinic, "Vocês fazem implante?");

        int deleted = io.quarkus.arc.Arc.container().instance(br.ft9.common.retention.RetentionSweeper.class).get().sweep().await()
                .atMost(Duration.ofSeconds(30));

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(export(clinic, maria).getList("unansweredQuestions.question", String.class)).containsExactly("Aceitam cheque?");
    }
}
