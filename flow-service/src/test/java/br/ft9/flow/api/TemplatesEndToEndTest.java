package br.ft9.flow.api;

import static br.ft9.flow.support.Flows.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import br.ft9.common.security.HmacSignature;
import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.flow.domain.TriggerSignature;
import br.ft9.flow.support.Flows;
import br.ft9.flow.support.ThirdPartyStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;

/**
 * The starting templates end to end, each from its real trigger (a signed call from the organisation's system, a closed
 * conversation, a billing event) to its real effect (a send command on Kafka, an e-mail received by the SMTP relay).
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(ThirdPartyStubs.class)
class TemplatesEndToEndTest {

    private static CloudEventSender kafka;

    @BeforeAll
    static void connect() {
        kafka = new CloudEventSender();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static JsonPath fromTemplate(UUID org, String template) {
        return as(org, "ORG_ADMIN").body("{\"template\":\"" + template + "\",\"status\":\"ACTIVE\"}").when()
                .post("/api/automations/from-template").then().statusCode(201).extract().jsonPath();
    }

    private static String sign(String secret, String body) {
        return TriggerSignature.sign(secret, Instant.now(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static int call(String path, String body, String signature, String idempotencyKey) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request = request.header("X-FT9-Signature", signature);
        }
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.when().post(path).then().extract().statusCode();
    }

    @Test
    void the_appointment_reminder_sends_its_template_when_the_scheduling_system_calls_the_signed_webhook() throws Exception {
        UUID clinic = UUID.randomUUID();
        JsonPath automation = fromTemplate(clinic, "appointment_reminder");
        String path = automation.getString("webhook.path");
        String secret = automation.getString("webhook.secret");
        as(clinic, "ORG_AGENT").when().get("/api/automations/{id}", automation.getString("id")).then().statusCode(200)
                .body("webhook", equalTo(null));
        String body = "{\"waId\":\"5581922220001\",\"name\":\"Helena\",\"date\":\"28/11\",\"time\":\"14h30\"}";

        assertThat(call(path, body, null, null)).isEqualTo(401);
        assertThat(call(path, body, sign("not-the-secret", body), null)).isEqualTo(401);
        assertThat(call(path, body.replace("14h30", "15h30"), sign(secret, body), null)).isEqualTo(401);
        assertThat(call(path, body, TriggerSignature.sign(secret, Instant.now().minus(Duration.ofMinutes(6)),
                body.getBytes(StandardCharsets.UTF_8)), null)).as("a signed call replayed six minutes later").isEqualTo(401);
        assertThat(call(path, body, new HmacSignature(secret).sign(body.getBytes(StandardCharsets.UTF_8)), null))
                .as("a signature without its time").isEqualTo(401);
        assertThat(call("/webhooks/flow/" + UUID.randomUUID(), body, sign(secret, body), null)).isEqualTo(404);
        try (KafkaProbe outbound = KafkaProbe.tail("ft9.whatsapp.outbound")) {
            assertThat(call(path, body, sign(secret, body), "agenda-991")).isEqualTo(202);
            assertThat(call(path, body, sign(secret, body), "agenda-991")).as("the same call again starts nothing").isEqualTo(202);
            ConsumerRecord<String, String> command = outbound.awaitRecord(r -> r.value().contains(clinic.toString()), Duration.ofSeconds(20));
            assertThat(command.key()).isEqualTo(clinic + ":5581922220001");
            assertThat(command.value()).contains("\"kind\":\"template\"").contains("\"name\":\"appointment_reminder\"")
                    .contains("[\"Helena\",\"28/11\",\"14h30\"]");
        }
        assertThat(Flows.row("select count(*) from run where automation_id = $1", UUID.fromString(automation.getString("id")))
                .getLong(0)).isEqualTo(1);
    }

    @Test
    void the_same_signed_call_replayed_within_its_five_minutes_starts_one_run() {
        UUID clinic = UUID.randomUUID();
        JsonPath automation = fromTemplate(clinic, "appointment_reminder");
        String body = "{\"waId\":\"5581922220009\",\"name\":\"Rita\",\"date\":\"30/11\",\"time\":\"9h\"}";
        String signature = sign(automation.getString("webhook.secret"), body);

        assertThat(call(automation.getString("webhook.path"), body, signature, null)).isEqualTo(202);
        assertThat(call(automation.getString("webhook.path"), body, signature, null)).isEqualTo(202);
        assertThat(call(automation.getString("webhook.path"), body, signature.toUpperCase().replace("T=", "t=").replace("SHA256=",
                "sha256="), null)).as("the same signature in upper-case hex").isEqualTo(202);

        assertThat(Flows.row("select count(*) from run where automation_id = $1", UUID.fromString(automation.getString("id")))
                .getLong(0)).isEqualTo(1);
    }

    @Test
    void a_webhook_body_over_the_limit_is_refused_with_413_and_starts_nothing() {
        UUID clinic = UUID.randomUUID();
        JsonPath automation = fromTemplate(clinic, "payment_reminder");
        String body = "{\"waId\":\"5581922220010\",\"name\":\"" + "x".repeat(300_000) + "\"}";
        assertThat(call(automation.getString("webhook.path"), body, sign(automation.getString("webhook.secret"), body), null))
                .isEqualTo(413);
        assertThat(Flows.row("select count(*) from run where automation_id = $1", UUID.fromString(automation.getString("id")))
                .getLong(0)).isZero();
    }

    @Test
    void a_webhook_automation_paused_straight_in_the_database_refuses_the_next_signed_call_and_starts_nothing() {
        UUID clinic = UUID.randomUUID();
        JsonPath automation = fromTemplate(clinic, "appointment_reminder");
        UUID id = UUID.fromString(automation.getString("id"));
        String path = automation.getString("webhook.path");
        String secret = automation.getString("webhook.secret");
        String body = "{\"waId\":\"5581922220011\",\"name\":\"Lia\",\"date\":\"02/12\",\"time\":\"10h\"}";
        assertThat(call(path, body, sign(secret, body), "agenda-1")).isEqualTo(202); // the automation is now kept in memory

        // As another replica, or an operator, would change it: not through this service.
        Flows.execute("update automation set status = 'PAUSED' where id = $1", id);

        // Well before the kept copy would expire by itself (a minute): the database's notification forgets it.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> call(path, body, sign(secret, body), "agenda-2") == 404);
        long runs = Flows.row("select count(*) from run where automation_id = $1", id).getLong(0);
        assertThat(call(path, body, sign(secret, body), "agenda-3")).isEqualTo(404);
        assertThat(Flows.row("select count(*) from run where automation_id = $1", id).getLong(0)).isEqualTo(runs);
        Flows.execute("update automation set status = 'ACTIVE' where id = $1", id);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> call(path, body, sign(secret, body), "agenda-3") == 202);
        assertThat(Flows.row("select count(*) from run where automation_id = $1 and trigger_event_id = 'webhook:agenda-3'", id)
                .getLong(0)).isEqualTo(1);
    }

    @Test
    void the_payment_reminder_fills_its_template_from_the_finance_systems_call() throws Exception {
        UUID school = UUID.randomUUID();
        JsonPath automation = fromTemplate(school, "payment_reminder");
        String body = "{\"waId\":\"5581922220002\",\"name\":\"Pedro\",\"amount\":\"R$ 850,00\",\"dueDate\":\"05/12\"}";
        try (KafkaProbe outbound = KafkaProbe.tail("ft9.whatsapp.outbound")) {
            assertThat(call(automation.getString("webhook.path"), body, sign(automation.getString("webhook.secret"), body), null))
                    .isEqualTo(202);
            ConsumerRecord<String, String> command = outbound.awaitRecord(r -> r.value().contains(school.toString()), Duration.ofSeconds(20));
            assertThat(command.value()).contains("\"name\":\"payment_reminder\"").contains("[\"Pedro\",\"R$ 850,00\",\"05/12\"]");
        }
    }

    @Test
    void the_follow_up_waits_its_days_and_then_sends_the_template_because_the_window_has_closed() throws Exception {
        UUID clinic = UUID.randomUUID();
        JsonPath automation = fromTemplate(clinic, "follow_up_after_visit");
        String body = "{\"waId\":\"5581922220003\",\"name\":\"Iara\"}";
        assertThat(call(automation.getString("webhook.path"), body, sign(automation.getString("webhook.secret"), body), null))
                .isEqualTo(202);
        var waiting = Flows.awaitWaitingAt(automation.getString("id"), 1);
        assertThat(waiting.getOffsetDateTime("due_at")).isAfter(java.time.OffsetDateTime.now().plusDays(2));
        try (KafkaProbe outbound = KafkaProbe.tail("ft9.whatsapp.outbound")) {
            Flows.execute("update run set due_at = now() where id = $1", waiting.getUUID("id")); // three days later
            ConsumerRecord<String, String> command = outbound.awaitRecord(r -> r.value().contains(clinic.toString()), Duration.ofSeconds(20));
            assertThat(command.value()).contains("\"name\":\"follow_up\"").contains("[\"Iara\"]");
        }
    }

    @Test
    void the_satisfaction_survey_asks_for_a_rating_when_a_person_closes_the_conversation() {
        UUID clinic = UUID.randomUUID();
        fromTemplate(clinic, "satisfaction_survey");
        String waId = "5581922220004";
        Flows.contactWrites(kafka, clinic, waId, "Joana", "Obrigada pelo atendimento");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Flows.row(
                "select 1 from flow_contact where org_id = $1 and wa_id = $2", clinic, waId) != null);
        try (KafkaProbe outbound = KafkaProbe.tail("ft9.whatsapp.outbound")) {
            kafka.send("ft9.whatsapp.inbound", clinic + ":" + waId, UUID.randomUUID().toString(),
                    "ft9.whatsapp.conversation.closed.v1", "whatsapp-gateway", clinic.toString(),
                    "{\"orgId\":\"%s\",\"conversationId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"%s\",\"status\":\"CLOSED\",\"mode\":\"HUMAN\"}"
                            .formatted(clinic, UUID.randomUUID(), UUID.randomUUID(), waId));
            ConsumerRecord<String, String> command = outbound.awaitRecord(r -> r.value().contains(clinic.toString()), Duration.ofSeconds(20));
            assertThat(command.value()).contains("\"kind\":\"text\"").contains("Joana, de 1 a 5, como foi seu atendimento hoje?");
        }
    }

    @Test
    void a_failed_payment_reported_by_billing_sends_the_email() throws Exception {
        UUID org = UUID.randomUUID();
        fromTemplate(org, "payment_failed_email");
        String address = "financeiro+" + org.toString().substring(0, 8) + "@clinica.test";
        kafka.send("ft9.billing.events", org.toString(), UUID.randomUUID().toString(), "ft9.billing.payment.failed.v1",
                "billing-service", org.toString(), "{\"orgId\":\"%s\",\"invoiceId\":\"in_1QX2\",\"amount\":\"199.00\",\"currency\":\"BRL\",\"email\":\"%s\"}"
                        .formatted(org, address));

        MimeMessage mail = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(ThirdPartyStubs.smtp()
                .getReceivedMessages()).filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
                    } catch (Exception e) {
                        return false;
                    }
                }).findFirst().orElse(null), m -> m != null);
        assertThat(mail.getSubject()).isEqualTo("Pagamento não aprovado");
        assertThat(mail.getContent().toString()).contains("199.00 BRL não foi aprovado");
    }
}
