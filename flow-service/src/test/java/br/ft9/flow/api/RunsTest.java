package br.ft9.flow.api;

import static br.ft9.flow.support.Flows.as;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.MovableClock;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.flow.domain.run.RunStore;
import br.ft9.flow.support.Flows;
import br.ft9.flow.support.ThirdPartyStubs;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Runs from real trigger events on the real broker to their real effects (send commands and hand-offs on Kafka, HTTP calls
 * to a stub of the organisation's system), durable delays, exactly-one claiming, retries and failure, and the SSRF guard.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(ThirdPartyStubs.class)
class RunsTest {

    @Inject
    MovableClock clock;

    private static CloudEventSender kafka;

    @BeforeAll
    static void connect() {
        kafka = new CloudEventSender();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static String fromTemplate(UUID org, String template) {
        return as(org, "ORG_ADMIN").body("{\"template\":\"" + template + "\",\"status\":\"ACTIVE\"}").when()
                .post("/api/automations/from-template").then().statusCode(201).extract().path("id");
    }

    /** Opening hours that are open at any minute but the last of each day. */
    private static final String ALWAYS_OPEN = "{" + String.join(",", List.of("monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday").stream().map(d -> "\"" + d + "\": [{\"open\": \"00:00\", \"close\": \"23:59\"}]")
            .toList()) + "}";

    @Test
    void the_welcome_template_greets_a_contacts_first_message_once_by_name() {
        UUID clinic = UUID.randomUUID();
        String automation = fromTemplate(clinic, "welcome_message");
        String waId = "5581911110001";
        try (KafkaProbe outbound = KafkaProbe.tail("ft9.whatsapp.outbound")) {
            String first = Flows.contactWrites(kafka, clinic, waId, "Maria", "Oi, bom dia");
            kafka.send("ft9.whatsapp.inbound", clinic + ":" + waId, first, "ft9.whatsapp.message.received.v1", "whatsapp-gateway",
                    clinic.toString(), Flows.received(clinic, waId, "Maria", "Oi, bom dia")); // redelivered
            Flows.contactWrites(kafka, clinic, waId, "Maria", "Vocês abrem amanhã?");

            ConsumerRecord<String, String> command = outbound.awaitRecord(r -> r.value().contains(clinic.toString()), Duration.ofSeconds(20));
            assertThat(command.key()).isEqualTo(clinic + ":" + waId);
            assertThat(KafkaProbe.cloudEvent(command)).containsEntry("type", "ft9.whatsapp.command.send_message.v1")
                    .containsEntry("source", "flow-service");
            assertThat(command.value()).contains("\"origin\":\"flow\"").contains("Olá, Maria! Bem-vindo(a).");
        }
        Row run = Flows.awaitRun(automation);
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(Flows.row("select count(*) from run where automation_id = $1", UUID.fromString(automation)).getLong(0))
                .as("one run: the redelivery and the second message start nothing").isEqualTo(1);
        assertThat(Flows.row("select array_to_string(tags, ',') from flow_contact where org_id = $1", clinic).getString(0))
                .isEqualTo("novo-contato");
        as(clinic, "ORG_AGENT").when().get("/api/automations/{id}/runs/{run}", automation, run.getUUID("id").toString()).then()
                .statusCode(200).body("status", equalTo("SUCCEEDED")).body("steps[0].type", equalTo("send_whatsapp"))
                .body("steps[0].status", equalTo("SUCCEEDED")).body("steps[1].type", equalTo("add_tag"))
                .body("facts.contact.name", equalTo("Maria"));
    }

    @Test
    void asking_for_a_person_by_keyword_publishes_a_handoff_with_the_message() {
        UUID clinic = UUID.randomUUID();
        fromTemplate(clinic, "keyword_handoff");
        try (KafkaProbe flowEvents = KafkaProbe.tail("ft9.flow.events")) {
            Flows.contactWrites(kafka, clinic, "5581911110002", "Ana", "quero falar com um atendente");
            ConsumerRecord<String, String> handoff = flowEvents.awaitRecord(r -> r.value().contains(clinic.toString())
                    && "ft9.flow.conversation.handoff_requested.v1".equals(KafkaProbe.cloudEvent(r).get("type")), Duration.ofSeconds(20));
            assertThat(handoff.value()).contains("Certo, Ana! Vou chamar alguém da equipe.").contains("\"waId\":\"5581911110002\"");
        }
    }

    @Test
    void the_organisations_runs_are_listed_together_and_narrowed_by_automation_status_and_time_and_a_bad_filter_is_named() {
        UUID clinic = UUID.randomUUID();
        String welcome = fromTemplate(clinic, "welcome_message");
        String handoff = fromTemplate(clinic, "keyword_handoff");
        Flows.contactWrites(kafka, clinic, "5581911110041", "Bia", "oi, queria falar com um atendente");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Flows.row("select count(*) from run where org_id = $1"
                + " and status = 'SUCCEEDED'", clinic).getLong(0) == 2);

        var all = as(clinic, "ORG_AGENT").when().get("/api/automations/runs").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("items.automationId", String.class)).containsExactlyInAnyOrder(welcome, handoff);
        as(clinic, "ORG_AGENT").when().get("/api/automations/runs?automation={a}&status=succeeded", handoff).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].automationId", equalTo(handoff));
        as(clinic, "ORG_AGENT").when().get("/api/automations/runs?status=FAILED").then().statusCode(200).body("total", equalTo(0));
        as(clinic, "ORG_AGENT").when().get("/api/automations/runs?since={s}", OffsetDateTime.now().plusMinutes(1).toString()).then()
                .statusCode(200).body("total", equalTo(0));
        as(UUID.randomUUID(), "ORG_ADMIN").when().get("/api/automations/runs").then().statusCode(200).body("total", equalTo(0));
        as(clinic, "ORG_AGENT").when().get("/api/automations/runs?status=LOST").then().statusCode(400).body("field", equalTo("status"));
        as(clinic, "ORG_AGENT").when().get("/api/automations/runs?until=ontem").then().statusCode(400).body("field", equalTo("until"));
    }

    @Test
    void the_team_reads_and_changes_the_fields_and_tags_automations_keep_for_a_contact_and_the_next_run_reads_them() {
        UUID clinic = UUID.randomUUID();
        fromTemplate(clinic, "welcome_message");
        String waId = "5581911110051";
        Flows.contactWrites(kafka, clinic, waId, "Rosa", "Oi");
        Flows.awaitRun(Flows.row("select id from automation where org_id = $1", clinic).getUUID(0).toString());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Flows.row(
                "select array_to_string(tags, ',') from flow_contact where org_id = $1", clinic).getString(0).equals("novo-contato"));

        as(clinic, "ORG_AGENT").when().get("/api/automations/contacts/{waId}", waId).then().statusCode(200)
                .body("name", equalTo("Rosa")).body("tags", org.hamcrest.Matchers.contains("novo-contato"));
        as(clinic, "ORG_AGENT").contentType("application/json")
                .body("{\"fields\": {\"convenio\": \"Unimed\", \"responsavel\": \"Marta (mãe)\"}, \"tags\": [\"novo-contato\", \"vip\", \"vip\"]}")
                .when().put("/api/automations/contacts/{waId}", waId).then().statusCode(200)
                .body("fields.convenio", equalTo("Unimed")).body("tags", org.hamcrest.Matchers.contains("novo-contato", "vip"));
        assertThat(Flows.row("select fields from flow_contact where org_id = $1 and wa_id = $2", clinic, waId).getString(0))
                .contains("convenio").contains("Unimed");

        // An automation reads what the team set.
        Flows.automation(clinic, """
                {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["plano"]},
                 "conditions": {"field": "contact.fields.convenio", "op": "equals", "value": "Unimed"},
                 "steps": [{"type": "add_tag", "tag": "perguntou-plano"}]}""", false);
        Flows.contactWrites(kafka, clinic, waId, "Rosa", "meu plano cobre?");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Flows.row(
                "select array_to_string(tags, ',') from flow_contact where org_id = $1", clinic).getString(0).contains("perguntou-plano"));

        as(clinic, "ORG_AGENT").contentType("application/json").body("{\"fields\": {\"Convênio\": \"x\"}, \"tags\": []}")
                .when().put("/api/automations/contacts/{waId}", waId).then().statusCode(400).body("field", equalTo("fields"));
        as(clinic, "ORG_AGENT").contentType("application/json").body("{\"fields\": {}, \"tags\": [\"\"]}")
                .when().put("/api/automations/contacts/{waId}", waId).then().statusCode(400).body("field", equalTo("tags"));
        as(UUID.randomUUID(), "ORG_ADMIN").when().get("/api/automations/contacts/{waId}", waId).then().statusCode(404);
        as(clinic, "ORG_AGENT").when().get("/api/automations/contacts/{waId}", "abc").then().statusCode(400).body("field", equalTo("waId"));
    }

    @Test
    void the_after_hours_reply_answers_only_outside_business_hours() {
        UUID closed = UUID.randomUUID();
        UUID open = UUID.randomUUID();
        Flows.execute("insert into organization_profile (org_id, time_zone, status, business_hours, updated_at) values"
                + " ($1, 'America/Recife', 'ACTIVE', '{\"sunday\": [{\"open\": \"00:00\", \"close\": \"00:01\"}]}', now())", closed);
        Flows.execute("insert into organization_profile (org_id, time_zone, status, business_hours, updated_at) values"
                + " ($1, 'America/Recife', 'ACTIVE', $2, now())", open, ALWAYS_OPEN);
        String closedAutomation = fromTemplate(closed, "after_hours_reply");
        String openAutomation = fromTemplate(open, "after_hours_reply");
        Flows.contactWrites(kafka, open, "5581911110003", "Rui", "Oi");
        Flows.contactWrites(kafka, closed, "5581911110004", "Lia", "Oi");

        assertThat(Flows.awaitRun(closedAutomation).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(Flows.row("select count(*) from run where automation_id = $1", UUID.fromString(openAutomation)).getLong(0))
                .isZero();
    }

    @Test
    void opening_hours_changed_straight_in_the_database_decide_the_next_message() {
        UUID clinic = UUID.randomUUID();
        Flows.execute("insert into organization_profile (org_id, time_zone, status, business_hours, updated_at) values"
                + " ($1, 'America/Recife', 'ACTIVE', $2, now())", clinic, ALWAYS_OPEN);
        String afterHours = fromTemplate(clinic, "after_hours_reply");
        String witness = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "add_tag", "tag": "visto"}]}""", false);
        Flows.contactWrites(kafka, clinic, "5581911110202", "Ana", "oi");
        Flows.awaitRun(witness); // the organisation's hours are now kept in memory, and it was open
        assertThat(Flows.row("select count(*) from run where automation_id = $1", UUID.fromString(afterHours)).getLong(0))
                .isZero();

        // As tenant's event through another replica, or an operator, would change it: not through this service.
        Flows.execute("update organization_profile set business_hours = '{\"monday\": [{\"open\": \"00:00\","
                + " \"close\": \"00:00\"}]}' where org_id = $1", clinic);
        Flows.contactWrites(kafka, clinic, "5581911110202", "Ana", "oi de novo");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Flows.row(
                "select count(*) from run where automation_id = $1", UUID.fromString(witness)).getLong(0) == 2);
        assertThat(Flows.row("select count(*) from run where automation_id = $1", UUID.fromString(afterHours)).getLong(0))
                .as("the second message found the organisation closed").isEqualTo(1);
    }

    @Test
    void the_after_hours_reply_is_sent_again_to_a_contact_who_writes_once_its_twelve_hour_cooldown_is_over() {
        UUID clinic = UUID.randomUUID(); // hours set, and never open
        Flows.execute("insert into organization_profile (org_id, time_zone, status, business_hours, updated_at) values"
                + " ($1, 'America/Recife', 'ACTIVE', '{\"monday\": [{\"open\": \"00:00\", \"close\": \"00:00\"}]}', now())", clinic);
        UUID automation = UUID.fromString(fromTemplate(clinic, "after_hours_reply"));
        String waId = "5581911110032";
        String runs = "select count(*) from run where automation_id = $1 and status = $2";
        try {
            Flows.contactWrites(kafka, clinic, waId, "Rui", "Oi");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> Flows.row(runs, automation, "SUCCEEDED").getLong(0) == 1);
            clock.advance(Duration.ofHours(11).plusMinutes(58));
            Flows.contactWrites(kafka, clinic, waId, "Rui", "Alguém aí?");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> Flows.row(runs, automation, "SKIPPED").getLong(0) == 1);
            clock.advance(Duration.ofMinutes(3));
            Flows.contactWrites(kafka, clinic, waId, "Rui", "Bom dia");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> Flows.row(runs, automation, "SUCCEEDED").getLong(0) == 2);
        } finally {
            clock.reset();
        }
        assertThat(Flows.row("select count(*) from run_step s join run r on r.id = s.run_id where r.automation_id = $1"
                + " and s.type = 'send_whatsapp'", automation).getLong(0)).as("one reply, then another after the cooldown")
                .isEqualTo(2);
    }

    @Test
    void a_conversation_of_four_messages_after_hours_gets_one_after_hours_reply_and_three_skipped_starts_with_their_reason()
            throws Exception {
        UUID clinic = UUID.randomUUID(); // hours set, and never open
        Flows.execute("insert into organization_profile (org_id, time_zone, status, business_hours, updated_at) values"
                + " ($1, 'America/Recife', 'ACTIVE', '{\"monday\": [{\"open\": \"00:00\", \"close\": \"00:00\"}]}', now())", clinic);
        String automation = fromTemplate(clinic, "after_hours_reply");
        String waId = "5581911110031";
        try (KafkaProbe outbound = KafkaProbe.tail("ft9.whatsapp.outbound")) {
            for (String text : List.of("Oi", "Vocês abrem amanhã?", "Queria marcar uma limpeza", "Obrigada")) {
                Flows.contactWrites(kafka, clinic, waId, "Lia", text);
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Flows.row(
                    "select count(*) from run where automation_id = $1", UUID.fromString(automation)).getLong(0) == 4);
            assertThat(outbound.awaitRecord(r -> r.value().contains(clinic.toString()), Duration.ofSeconds(20)).value())
                    .contains("Recebemos sua mensagem fora do nosso horário");
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Flows.row("select count(*) from run"
                + " where automation_id = $1 and status in ('SUCCEEDED', 'SKIPPED')", UUID.fromString(automation)).getLong(0) == 4);
        assertThat(Flows.row("select count(*) from run_step s join run r on r.id = s.run_id where r.automation_id = $1"
                + " and s.type = 'send_whatsapp'", UUID.fromString(automation)).getLong(0))
                .as("one after-hours reply for the four messages").isEqualTo(1);
        var runs = as(clinic, "ORG_AGENT").when().get("/api/automations/{id}/runs?size=10", automation).then().statusCode(200)
                .extract().jsonPath();
        assertThat(runs.getList("items.status")).containsExactly("SKIPPED", "SKIPPED", "SKIPPED", "SUCCEEDED");
        assertThat(runs.getList("items.skipReason", String.class).subList(0, 3))
                .allSatisfy(reason -> assertThat(reason).startsWith("cooldown PT12H: ran for this contact at "));
        assertThat(Flows.row("select runs from run_usage where org_id = $1", clinic).getInteger(0))
                .as("skipped starts do not count against the plan").isEqualTo(1);
    }

    @Test
    void a_text_that_renders_past_whatsapps_limit_fails_the_run_with_the_reason_and_sends_nothing() {
        UUID clinic = UUID.randomUUID();
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"},
                 "steps": [{"type": "send_whatsapp", "text": "Você disse: {{trigger.text}} {{trigger.text}}"}]}""", false);

        Flows.contactWrites(kafka, clinic, "5581911110041", "Caio", "a".repeat(3000));

        Row run = Flows.awaitRun(automation);
        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).contains("the text is 6013 characters once its variables are filled; at most 4096");
        assertThat(Flows.row("select count(*) from event_outbox where org_id = $1 and type = 'ft9.whatsapp.command.send_message.v1'",
                clinic).getLong(0)).isZero();
    }

    @Test
    void a_delay_waits_in_the_database_and_outside_the_window_the_template_fallback_is_sent() {
        UUID clinic = UUID.randomUUID();
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["consulta"]},
                 "steps": [{"type": "delay", "days": 2},
                           {"type": "send_whatsapp", "text": "Como foi a consulta, {{contact.name}}?",
                            "fallbackTemplate": {"name": "follow_up", "language": "pt_BR", "parameters": ["{{contact.name}}"]}}]}""", false);
        String waId = "5581911110005";
        try (KafkaProbe outbound = KafkaProbe.tail("ft9.whatsapp.outbound")) {
            Flows.contactWrites(kafka, clinic, waId, "Beto", "marquei a consulta");
            Row waiting = Flows.awaitWaitingAt(automation, 1);
            assertThat(waiting.getInteger("step")).isEqualTo(1);
            assertThat(waiting.getOffsetDateTime("due_at")).isAfter(java.time.OffsetDateTime.now().plusDays(1));

            // Two days later (the run is only a row: whichever replica is up then carries it on).
            Flows.execute("update flow_contact set last_inbound_at = now() - interval '49 hours' where org_id = $1", clinic);
            Flows.execute("update run set due_at = now() where automation_id = $1", UUID.fromString(automation));

            ConsumerRecord<String, String> command = outbound.awaitRecord(r -> r.value().contains(clinic.toString()), Duration.ofSeconds(20));
            assertThat(command.value()).contains("\"kind\":\"template\"").contains("\"name\":\"follow_up\"").contains("[\"Beto\"]");
        }
        assertThat(Flows.awaitRun(automation).getString("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void outside_the_window_without_a_fallback_the_run_fails_with_the_reason_and_run_failed_is_published() {
        UUID clinic = UUID.randomUUID();
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"},
                 "steps": [{"type": "delay", "minutes": 5}, {"type": "send_whatsapp", "text": "Lembrete!"}]}""", false);
        try (KafkaProbe flowEvents = KafkaProbe.tail("ft9.flow.events")) {
            Flows.contactWrites(kafka, clinic, "5581911110006", "Caio", "oi");
            Flows.awaitWaitingAt(automation, 1);
            Flows.execute("update flow_contact set last_inbound_at = now() - interval '25 hours' where org_id = $1", clinic);
            Flows.execute("update run set due_at = now() where automation_id = $1", UUID.fromString(automation));
            Row failed = Flows.awaitRun(automation);
            assertThat(failed.getString("status")).isEqualTo("FAILED");
            assertThat(failed.getString("error")).contains("24-hour window").contains("fallbackTemplate");
            ConsumerRecord<String, String> event = flowEvents.awaitRecord(r -> r.value().contains(automation)
                    && "ft9.flow.run.failed.v1".equals(KafkaProbe.cloudEvent(r).get("type")), Duration.ofSeconds(20));
            assertThat(event.value()).contains("\"stepType\":\"send_whatsapp\"");
        }
    }

    @Test
    void a_webhook_call_reaches_the_organisations_system_and_a_failing_one_is_retried_then_fails_the_run() {
        UUID clinic = UUID.randomUUID();
        ThirdPartyStubs.server().stubFor(post(urlEqualTo("/crm/leads/" + clinic)).willReturn(aResponse().withStatus(201).withBody("{\"ok\":true}")));
        ThirdPartyStubs.server().stubFor(post(urlEqualTo("/crm/down/" + clinic)).willReturn(aResponse().withStatus(503)));
        String base = "http://127.0.0.1:" + ThirdPartyStubs.server().port(); // the host the test profile allows
        String ok = Flows.automation(clinic, """
                {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["orçamento"]},
                 "steps": [{"type": "call_webhook", "url": "%s/crm/leads/%s", "body": "{\\"phone\\": \\"{{contact.waId}}\\", \\"text\\": \\"{{trigger.text}}\\"}"}]}"""
                .formatted(base, clinic), false);
        String down = Flows.automation(clinic, """
                {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["orçamento"]},
                 "steps": [{"type": "call_webhook", "url": "%s/crm/down/%s"}]}""".formatted(base, clinic), false);

        Flows.contactWrites(kafka, clinic, "5581911110007", "Duda", "quero um orçamento");

        assertThat(Flows.awaitRun(ok).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(ThirdPartyStubs.server().findAll(postRequestedFor(urlEqualTo("/crm/leads/" + clinic))).get(0).getBodyAsString())
                .isEqualTo("{\"phone\": \"5581911110007\", \"text\": \"quero um orçamento\"}");
        Row failed = Flows.awaitRun(down);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("error")).contains("503").contains("after 3 attempts");
        assertThat(ThirdPartyStubs.server().findAll(postRequestedFor(urlEqualTo("/crm/down/" + clinic)))).hasSize(3);
        Row step = Flows.row("select status, attempts, error from run_step where run_id = (select id from run where automation_id = $1)",
                UUID.fromString(down));
        assertThat(step.getString("status")).isEqualTo("FAILED");
        assertThat(step.getInteger("attempts")).as("the step's record counts the three calls made").isEqualTo(3);
        assertThat(step.getString("error")).contains("after 3 attempts");
    }

    @Test
    void a_webhook_answering_past_its_deadline_is_tried_again_and_of_a_long_answer_the_run_keeps_the_first_characters() {
        UUID clinic = UUID.randomUUID();
        // The test profile gives a call one second (ft9.flow.webhook.timeout).
        ThirdPartyStubs.server().stubFor(post(urlEqualTo("/crm/slow/" + clinic)).willReturn(aResponse().withStatus(200).withFixedDelay(4_000)));
        ThirdPartyStubs.server().stubFor(post(urlEqualTo("/crm/long/" + clinic)).willReturn(aResponse().withStatus(200)
                .withBody("{\"notes\": \"" + "é".repeat(100_000) + "\"}")));
        String base = "http://127.0.0.1:" + ThirdPartyStubs.server().port();
        String slow = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "call_webhook", "url": "%s/crm/slow/%s"}]}"""
                .formatted(base, clinic), false);
        String longAnswer = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "call_webhook", "url": "%s/crm/long/%s"}]}"""
                .formatted(base, clinic), false);

        Flows.contactWrites(kafka, clinic, "5581911110031", "Gil", "oi");

        Row failed = Flows.awaitRun(slow);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("error")).contains("did not answer within 1000 ms").contains("after 3 attempts");
        assertThat(ThirdPartyStubs.server().findAll(postRequestedFor(urlEqualTo("/crm/slow/" + clinic)))).hasSize(3);
        assertThat(Flows.awaitRun(longAnswer).getString("status")).isEqualTo("SUCCEEDED");
        String kept = Flows.row("select output::jsonb ->> 'body' from run_step where run_id = (select id from run where automation_id = $1)",
                UUID.fromString(longAnswer)).getString(0);
        assertThat(kept).hasSize(2000).startsWith("{\"notes\": \"éé").endsWith("é");
    }

    @Test
    void a_keyword_reply_is_sent_and_its_run_succeeds_in_the_transaction_of_the_message_announced_by_one_event_naming_it() {
        UUID clinic = UUID.randomUUID();
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["preço"]},
                 "steps": [{"type": "add_tag", "tag": "quer-preco"}, {"type": "send_whatsapp", "text": "Olá {{contact.name}}, a consulta custa R$ 150."}]}""",
                false);
        try (KafkaProbe outbound = KafkaProbe.tail("ft9.whatsapp.outbound")) {
            Flows.contactWrites(kafka, clinic, "5581911110021", "Rita", "qual o preço?");
            assertThat(outbound.awaitRecord(r -> r.value().contains(clinic.toString()), Duration.ofSeconds(20)).value())
                    .contains("Olá Rita, a consulta custa R$ 150.");
        }
        Row run = Flows.row("select status, step, claimed_by from run where automation_id = $1", UUID.fromString(automation));
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getInteger("step")).isEqualTo(2);
        assertThat(run.getString("claimed_by")).as("no worker ever claimed it").isNull();
        assertThat(Flows.row("select count(*) from run_step where run_id = (select id from run where automation_id = $1)",
                UUID.fromString(automation)).getLong(0)).as("both steps in its history").isEqualTo(2);
        assertThat(Flows.row("select string_agg(type, ',') from event_outbox where org_id = $1 and topic = 'ft9.flow.events'", clinic)
                .getString(0)).isEqualTo("ft9.flow.run.succeeded.v1");
        assertThat(Flows.row("select payload from event_outbox where org_id = $1 and topic = 'ft9.flow.events'", clinic).getString(0))
                .contains("\"messageId\":\"").contains("\"trigger\":\"message_received\"");
    }

    @Test
    void a_run_whose_second_step_calls_outside_does_its_first_step_at_once_and_leaves_the_call_to_the_workers() {
        UUID clinic = UUID.randomUUID();
        ThirdPartyStubs.server().stubFor(post(urlEqualTo("/crm/first/" + clinic)).willReturn(aResponse().withStatus(201)));
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["matrícula"]},
                 "steps": [{"type": "add_tag", "tag": "matricula"}, {"type": "call_webhook", "url": "http://127.0.0.1:%d/crm/first/%s"}]}"""
                .formatted(ThirdPartyStubs.server().port(), clinic), false);

        Flows.contactWrites(kafka, clinic, "5581911110022", "Lia", "sobre a matrícula");

        Row run = Flows.awaitRun(automation);
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(Flows.row("select claimed_by from run where automation_id = $1", UUID.fromString(automation)).getString(0))
                .as("the call was a worker's").isNotNull();
        assertThat(ThirdPartyStubs.server().findAll(postRequestedFor(urlEqualTo("/crm/first/" + clinic)))).hasSize(1);
        assertThat(Flows.row("select string_agg(type, ',' order by created_at) from event_outbox where org_id = $1"
                + " and topic = 'ft9.flow.events'", clinic).getString(0)).isEqualTo("ft9.flow.run.started.v1,ft9.flow.run.succeeded.v1");
    }

    @Test
    void past_the_plans_runs_of_the_month_a_trigger_starts_no_run() {
        UUID clinic = UUID.randomUUID();
        kafka.send("ft9.tenant.events", clinic.toString(), UUID.randomUUID().toString(), "ft9.tenant.limits.changed.v1",
                "tenant-service", clinic.toString(), ("{\"orgId\":\"%s\",\"plan\":\"STARTER\",\"messagesPerMonth\":1000,"
                        + "\"knowledgeItems\":100,\"automations\":5,\"seats\":3,\"automationRunsPerMonth\":2}").formatted(clinic));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Flows.row(
                "select count(*) from organization_profile where org_id = $1 and runs_per_month_limit = 2", clinic).getLong(0) == 1);
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "add_tag", "tag": "atendido"}]}""", false);

        // One record key for the three, so they are handled in order.
        for (String waId : new String[] { "5581911110021", "5581911110022", "5581911110023" }) {
            kafka.send("ft9.whatsapp.inbound", clinic + ":one", UUID.randomUUID().toString(), "ft9.whatsapp.message.received.v1",
                    "whatsapp-gateway", clinic.toString(), Flows.received(clinic, waId, "Ana", "oi"));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Flows.row(
                "select count(*) from flow_contact where org_id = $1", clinic).getLong(0) == 3);

        assertThat(Flows.row("select count(*) from run where automation_id = $1", UUID.fromString(automation)).getLong(0)).isEqualTo(2);
        Flows.as(clinic, "ORG_AGENT").when().get("/api/automations/usage").then().statusCode(200)
                .body("runs", org.hamcrest.Matchers.equalTo(2)).body("limit", org.hamcrest.Matchers.equalTo(2));
    }

    @Test
    void an_ai_generate_step_whose_services_cannot_be_reached_is_retried_then_fails_the_run_sending_nothing() {
        // The test profile points auth-service and memory-service at a closed port; AiGenerateStepIT has them running.
        UUID clinic = UUID.randomUUID();
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"},
                 "steps": [{"type": "ai_generate", "question": "{{trigger.text}}"}, {"type": "send_whatsapp", "text": "{{ai.answer}}"}]}""",
                false);

        Flows.contactWrites(kafka, clinic, "5581911110017", "Ester", "qual o horário?");

        Row failed = Flows.awaitRun(automation);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getInteger("step")).isZero();
        assertThat(failed.getString("error")).contains("could not be reached").contains("after 3 attempts");
    }

    @Test
    void a_failed_run_is_retried_from_its_failed_step_and_a_run_can_be_replayed_with_its_trigger_data() {
        UUID clinic = UUID.randomUUID();
        String path = "/crm/flaky/" + clinic;
        ThirdPartyStubs.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(500)));
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["retorno"]},
                 "steps": [{"type": "add_tag", "tag": "retorno"},
                           {"type": "call_webhook", "url": "http://127.0.0.1:%d%s", "body": "{\\"text\\": \\"{{trigger.text}}\\"}"}]}"""
                .formatted(ThirdPartyStubs.server().port(), path), false);
        Flows.contactWrites(kafka, clinic, "5581911110011", "Hugo", "quero marcar retorno");
        Row failed = Flows.awaitRun(automation);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getInteger("step")).isEqualTo(1);
        String runId = failed.getUUID("id").toString();

        as(clinic, "ORG_AGENT").when().post("/api/automations/{a}/runs/{r}/retry", automation, runId).then().statusCode(403);
        ThirdPartyStubs.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        as(clinic, "ORG_MANAGER").when().post("/api/automations/{a}/runs/{r}/retry", automation, runId).then().statusCode(200)
                .body("status", equalTo("READY")).body("step", equalTo(1));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(
                Flows.row("select status from run where id = $1", UUID.fromString(runId)).getString(0)));
        as(clinic, "ORG_MANAGER").when().post("/api/automations/{a}/runs/{r}/retry", automation, runId).then().statusCode(409);

        int calls = ThirdPartyStubs.server().findAll(postRequestedFor(urlEqualTo(path))).size();
        String replay = as(clinic, "ORG_ADMIN").when().post("/api/automations/{a}/runs/{r}/replay", automation, runId).then()
                .statusCode(201).extract().path("id");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(
                Flows.row("select status from run where id = $1", UUID.fromString(replay)).getString(0)));
        assertThat(ThirdPartyStubs.server().findAll(postRequestedFor(urlEqualTo(path)))).hasSize(calls + 1);
        assertThat(ThirdPartyStubs.server().findAll(postRequestedFor(urlEqualTo(path))).get(calls).getBodyAsString())
                .isEqualTo("{\"text\": \"quero marcar retorno\"}");
        as(UUID.randomUUID(), "ORG_ADMIN").when().post("/api/automations/{a}/runs/{r}/replay", automation, runId).then().statusCode(404);
    }

    @Test
    void a_scheduled_automation_fires_by_its_cron_once_per_fire_time() {
        UUID school = UUID.randomUUID();
        String path = "/reports/daily/" + school;
        ThirdPartyStubs.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        String automation = Flows.automation(school, """
                {"trigger": {"type": "scheduled", "cron": "0/2 * * * * ?"},
                 "steps": [{"type": "call_webhook", "url": "http://127.0.0.1:%d%s", "body": "{\\"at\\": \\"{{trigger.firedAt}}\\"}"}]}"""
                .formatted(ThirdPartyStubs.server().port(), path), false);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Flows.row(
                "select count(*) from run where automation_id = $1 and status = 'SUCCEEDED'", UUID.fromString(automation)).getLong(0) >= 2);
        as(school, "ORG_ADMIN").body("{\"status\":\"PAUSED\"}").when().patch("/api/automations/{id}", automation).then().statusCode(200);
        assertThat(Flows.row("select count(distinct trigger_event_id) = count(*) from run where automation_id = $1",
                UUID.fromString(automation)).getBoolean(0)).isTrue();
        assertThat(ThirdPartyStubs.server().findAll(postRequestedFor(urlEqualTo(path))).get(0).getBodyAsString()).contains("\"at\": \"20");
    }

    @Test
    void an_automation_paused_straight_in_the_database_is_not_started_by_the_next_message() {
        UUID clinic = UUID.randomUUID();
        String paused = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "add_tag", "tag": "primeira"}]}""", false);
        String kept = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "add_tag", "tag": "segunda"}]}""", false);
        Flows.contactWrites(kafka, clinic, "5581911110201", "Ana", "oi");
        Flows.awaitRun(paused);
        Flows.awaitRun(kept); // the organisation's active automations are now kept in memory

        // As another replica, or an operator, would change it: not through this service.
        Flows.execute("update automation set status = 'PAUSED' where id = $1", UUID.fromString(paused));
        Flows.contactWrites(kafka, clinic, "5581911110201", "Ana", "oi de novo");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Flows.row(
                "select count(*) from run where automation_id = $1", UUID.fromString(kept)).getLong(0) == 2);
        assertThat(Flows.row("select count(*) from run where automation_id = $1", UUID.fromString(paused)).getLong(0))
                .as("the second message started only the automation still active").isEqualTo(1);
    }

    @Test
    void a_contacts_first_message_starts_contact_created_automations() {
        UUID clinic = UUID.randomUUID();
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "contact_created"}, "steps": [{"type": "set_contact_field", "field": "origem", "value": "whatsapp"}]}""", false);
        Flows.contactWrites(kafka, clinic, "5581911110012", "Ivo", "oi");
        Flows.contactWrites(kafka, clinic, "5581911110012", "Ivo", "oi de novo");
        assertThat(Flows.awaitRun(automation).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(Flows.row("select fields from flow_contact where org_id = $1", clinic).getString(0)).contains("\"origem\": \"whatsapp\"");
        assertThat(Flows.row("select count(*) from run where automation_id = $1", UUID.fromString(automation)).getLong(0)).isEqualTo(1);
    }

    @Test
    void webhooks_to_private_loopback_or_metadata_addresses_are_refused_without_a_call() {
        UUID clinic = UUID.randomUUID();
        int port = ThirdPartyStubs.server().port();
        List<String> automations = new ArrayList<>();
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/admin", "http://localhost:" + port + "/x",
                "http://[::1]:" + port + "/x")) {
            automations.add(Flows.automation(clinic, """
                    {"trigger": {"type": "message_received"}, "steps": [{"type": "call_webhook", "url": "%s"}]}""".formatted(url), false));
        }
        Flows.contactWrites(kafka, clinic, "5581911110008", "Eva", "oi");
        for (String automation : automations) {
            Row failed = Flows.awaitRun(automation);
            assertThat(failed.getString("status")).isEqualTo("FAILED");
            assertThat(failed.getString("error")).startsWith("refused:");
            assertThat(failed.getInteger("attempts")).as("not retried").isZero();
        }
        assertThat(ThirdPartyStubs.server().findAll(postRequestedFor(urlEqualTo("/x")))).isEmpty();
    }

    @Test
    void an_opted_out_contact_starts_no_run() {
        UUID clinic = UUID.randomUUID();
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "send_whatsapp", "text": "Promoção!"}]}""", false);
        String waId = "5581911110009";
        kafka.send("ft9.whatsapp.inbound", clinic + ":" + waId, UUID.randomUUID().toString(), "ft9.whatsapp.contact.opted_out.v1",
                "whatsapp-gateway", clinic.toString(), "{\"orgId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"%s\",\"optedOut\":true}"
                        .formatted(clinic, UUID.randomUUID(), waId));
        Flows.contactWrites(kafka, clinic, waId, "Fabi", "oi");
        String marker = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "add_tag", "tag": "x"}]}""", false);
        Flows.contactWrites(kafka, clinic, "5581911110010", "Gil", "oi");
        Flows.awaitRun(marker);
        assertThat(Flows.row("select count(*) from run where automation_id = $1", UUID.fromString(automation)).getLong(0))
                .as("only the other contact's message started it").isEqualTo(1);
        assertThat(Flows.row("select contact_wa_id from run where automation_id = $1", UUID.fromString(automation)).getString(0))
                .isEqualTo("5581911110010");
    }

    @Test
    void two_replicas_claiming_at_once_never_get_the_same_due_run() {
        UUID clinic = UUID.randomUUID();
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received", "match": "keyword", "keywords": ["nunca-dito"]},
                 "steps": [{"type": "add_tag", "tag": "x"}]}""", false);
        // One statement, and more runs than this service's own workers claim before they are busy carrying theirs (4 x 20):
        // the runs are due for them too, and they must not take them all before the two claims below.
        Flows.execute("insert into run (id, org_id, automation_id, version, trigger_event_id, contact_wa_id, facts, status, step,"
                + " attempts, due_at, created_at, updated_at) select gen_random_uuid(), $1, $2, 1, 'e' || i, '5581900000000',"
                + " '{}', 'READY', 0, 0, now() - interval '1 minute', now(), now() from generate_series(1, 200) i",
                clinic, UUID.fromString(automation));
        RunStore engine = Arc.container().instance(RunStore.class).get();
        CompletableFuture<List<UUID>> a = engine.claimDue("replica-a", 40).map(RunsTest::ids).subscribeAsCompletionStage();
        CompletableFuture<List<UUID>> b = engine.claimDue("replica-b", 40).map(RunsTest::ids).subscribeAsCompletionStage();
        List<UUID> claimedByA = a.join();
        List<UUID> claimedByB = b.join();

        Set<UUID> both = new HashSet<>(claimedByA);
        both.retainAll(claimedByB);
        assertThat(both).isEmpty();
        assertThat(claimedByA.size() + claimedByB.size()).isPositive();
        assertThat(Flows.row("select count(*) from run where automation_id = $1 and claimed_by in ('replica-a', 'replica-b')",
                UUID.fromString(automation)).getLong(0)).isEqualTo(claimedByA.size() + claimedByB.size());
    }

    private static List<UUID> ids(List<br.ft9.flow.domain.Run> runs) {
        return runs.stream().map(run -> run.id).toList();
    }
}
