package br.ft9.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.restassured.http.ContentType;

/**
 * An {@code ai_generate} step across three real processes: flow-service gets a service token for the organisation
 * from auth-service (client credentials), asks memory-service, and the answer from the organisation's knowledge
 * fills the next step's message; a question the knowledge cannot answer takes the hand-off branch.
 */
class AiGenerateStepIT {

    private static final String CLIENT_SECRET = "it-flow-client-secret-" + UUID.randomUUID();
    private static ServiceProcess auth;
    private static ServiceProcess memory;
    private static ServiceProcess flow;

    @BeforeAll
    static void startServices() {
        assertThat(RealInfrastructure.missing(System.getenv())).as("servers the services need").isEmpty();
        auth = ServiceProcess.launch("auth-service", Map.of("FT9_JWT_PRIVATE_KEY", TestTokens.privateKeyBase64(),
                "FT9_JWT_KEY_ID", "test-key", "FLOW_SERVICE_CLIENT_SECRET", CLIENT_SECRET));
        // A group of its own from the latest offset: earlier tests' messages on the shared broker are not this test's.
        memory = ServiceProcess.launch("memory-service", Map.of(
                "MP_MESSAGING_INCOMING_INBOUND_MESSAGES_GROUP_ID", "it-memory-" + UUID.randomUUID(),
                "MP_MESSAGING_INCOMING_INBOUND_MESSAGES_AUTO_OFFSET_RESET", "latest"));
        flow = ServiceProcess.launch("flow-service", Map.of("AUTH_URL", auth.uri("").toString(),
                "MEMORY_URL", memory.uri("").toString(), "FLOW_SERVICE_CLIENT_SECRET", CLIENT_SECRET));
        ServiceProcess.awaitReady(auth, memory, flow);
    }

    @AfterAll
    static void stopServices() {
        ServiceProcess.closeAll(flow, memory, auth);
    }

    private static String received(UUID orgId, String waId, String text) {
        return ("{\"orgId\":\"%s\",\"messageId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"%s\",\"profileName\":\"Marta\","
                + "\"phoneNumberId\":\"106540352242922\",\"waMessageId\":\"wamid.%s\",\"type\":\"text\",\"text\":\"%s\","
                + "\"sentAt\":\"%s\",\"conversationId\":\"%s\",\"conversationMode\":\"HUMAN\"}")
                .formatted(orgId, UUID.randomUUID(), UUID.randomUUID(), waId, UUID.randomUUID(), text, OffsetDateTime.now(),
                        UUID.randomUUID());
    }

    @Test
    void an_ai_generate_step_answers_from_the_organisations_knowledge_and_hands_off_what_it_cannot_answer() throws Exception {
        UUID clinic = UUID.randomUUID();
        String admin = TestTokens.member(clinic, "ORG_ADMIN");
        // Opened as tenant-service opens it: auth-service issues flow-service's token only for an organisation it knows.
        try (CloudEventSender kafka = new CloudEventSender()) {
            kafka.send("ft9.tenant.events", clinic.toString(), UUID.randomUUID().toString(), "ft9.tenant.organization.created.v1",
                    "tenant-service", clinic.toString(), "{\"orgId\":\"" + clinic + "\",\"name\":\"Clínica Aurora\"}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.value("auth",
                "select org_id::text from known_organization where org_id = ?::uuid", clinic.toString()) != null);
        given().baseUri(memory.uri("").toString()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("kind", "FAQ", "question", "Vocês aceitam o convênio Unimed?",
                        "answer", "Sim, aceitamos Unimed, Bradesco Saúde e SulAmérica para consultas e exames."))
                .when().post("/api/knowledge/items").then().statusCode(201);
        String automation = given().baseUri(flow.uri("").toString()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body("""
                        {"name": "Respostas da base", "status": "ACTIVE", "definition":
                          {"trigger": {"type": "message_received"},
                           "steps": [{"type": "ai_generate", "question": "{{trigger.text}}"},
                                     {"type": "branch", "if": {"field": "ai.handoff", "op": "equals", "value": "false"},
                                      "then": [{"type": "send_whatsapp", "text": "{{ai.answer}}"}],
                                      "else": [{"type": "handoff_to_human", "reason": "sem resposta na base"}]}]}}""")
                .when().post("/api/automations").then().statusCode(201).extract().path("id");

        // The conversation is with a person (HUMAN), so memory-service itself stays silent: only the automation answers.
        try (CloudEventSender kafka = new CloudEventSender(); KafkaProbe outbound = KafkaProbe.tail("ft9.whatsapp.outbound");
                KafkaProbe flowEvents = KafkaProbe.tail("ft9.flow.events")) {
            kafka.send("ft9.whatsapp.inbound", clinic + ":5581944440001", UUID.randomUUID().toString(),
                    "ft9.whatsapp.message.received.v1", "whatsapp-gateway", clinic.toString(),
                    received(clinic, "5581944440001", "Vocês aceitam convênio Unimed?"));
            ConsumerRecord<String, String> command = outbound.awaitRecord(
                    r -> r.value().contains(clinic.toString()) && r.value().contains("\"origin\":\"flow\""), Duration.ofSeconds(60));
            assertThat(command.value()).contains("aceitamos Unimed").contains("5581944440001");

            kafka.send("ft9.whatsapp.inbound", clinic + ":5581944440002", UUID.randomUUID().toString(),
                    "ft9.whatsapp.message.received.v1", "whatsapp-gateway", clinic.toString(),
                    received(clinic, "5581944440002", "Onde posso estacionar o carro perto daí?"));
            ConsumerRecord<String, String> handoff = flowEvents.awaitRecord(
                    r -> r.value().contains(clinic.toString()) && r.value().contains("sem resposta na base"), Duration.ofSeconds(60));
            assertThat(handoff.value()).contains("5581944440002");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "2".equals(Database.value("flow",
                "select count(*) from run where automation_id = ?::uuid and status = 'SUCCEEDED'", automation)));
        assertThat(Database.value("flow", "select output from run_step s join run r on r.id = s.run_id where"
                + " r.automation_id = ?::uuid and s.type = 'ai_generate' and r.contact_wa_id = '5581944440001'", automation))
                .contains("aceitamos Unimed").contains("\"handoff\":false");
    }
}
