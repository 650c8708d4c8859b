package br.ft9.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.domain.Conversation;
import br.ft9.gateway.support.Commands;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.gateway.support.Meta;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A message's journey, read in one call and built from the services' events on the real broker: Meta's redelivery
 * counted, memory-service's answer with its sources, flow-service's run started and ended, the reply and its status.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class MessageJourneyTest {

    private static CloudEventSender kafka;

    @BeforeAll
    static void connect() {
        kafka = new CloudEventSender();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void a_messages_journey_shows_its_redelivery_the_answer_with_sources_the_automation_run_its_hand_off_and_the_reply() {
        Meta.Number number = Meta.connectedNumber();
        UUID org = number.orgId();
        String waId = Meta.waId();
        String wamid = Meta.wamid();
        String payload = Meta.payload("text", number.phoneNumberId(), waId, wamid, "Vocês aceitam Unimed?");
        assertThat(Meta.deliver(payload)).isEqualTo(200);
        assertThat(Meta.deliver(payload)).isEqualTo(200); // Meta delivers at least once
        var inbound = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Meta.row(
                "select id, conversation_id from message where org_id = $1 and wa_message_id = $2", org, wamid), r -> r != null);
        UUID messageId = inbound.getUUID(0);
        UUID conversationId = inbound.getUUID(1);

        // What the other services announce about it.
        UUID commandId = UUID.randomUUID();
        Commands.send(kafka, commandId, org, waId, "bot", Commands.text("Sim, aceitamos Unimed.") + ",\"inReplyToMessageId\":\"" + messageId + "\"");
        kafka.send("ft9.memory.events", org + ":" + waId, UUID.randomUUID().toString(), "ft9.memory.answer.given.v1", "memory-service",
                org.toString(), "{\"orgId\":\"%s\",\"messageId\":\"%s\",\"commandId\":\"%s\",\"mode\":\"extractive\",\"citedItems\":[],\"sources\":[\"Convênios aceitos\"]}"
                        .formatted(org, messageId, commandId));
        UUID runId = UUID.randomUUID();
        kafka.send("ft9.flow.events", org.toString(), UUID.randomUUID().toString(), "ft9.flow.run.started.v1", "flow-service", org.toString(),
                "{\"orgId\":\"%s\",\"automationId\":\"%s\",\"automationName\":\"Boas-vindas\",\"runId\":\"%s\",\"trigger\":\"message_received\",\"messageId\":\"%s\"}"
                        .formatted(org, UUID.randomUUID(), runId, messageId));
        kafka.send("ft9.flow.events", org.toString(), UUID.randomUUID().toString(), "ft9.flow.run.succeeded.v1", "flow-service", org.toString(),
                "{\"orgId\":\"%s\",\"automationId\":\"%s\",\"runId\":\"%s\"}".formatted(org, UUID.randomUUID(), runId));
        Commands.awaitOutcome(commandId);
        // an automation's hand-off names the message that started its run
        kafka.send("ft9.flow.events", org + ":" + waId, UUID.randomUUID().toString(), "ft9.flow.conversation.handoff_requested.v1",
                "flow-service", org.toString(), "{\"orgId\":\"%s\",\"conversationId\":\"%s\",\"waId\":\"%s\",\"reason\":\"asked for a person\",\"message\":null,\"messageId\":\"%s\"}"
                        .formatted(org, conversationId, waId, messageId));

        String agent = TestTokens.member(org, "ORG_AGENT");
        JsonPath journey = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(agent)
                .when().get("/api/conversations/{c}/messages/{m}/journey", conversationId, messageId).then().statusCode(200)
                .extract().jsonPath(), j -> j.getList("steps.kind").containsAll(List.of("answered", "automation_succeeded", "handed_off")));
        assertThat(journey.getString("steps.find { it.kind == 'handed_off' }.detail.by")).isEqualTo("automation");

        assertThat(journey.getInt("duplicateDeliveries")).isEqualTo(1);
        assertThat(journey.getString("text")).isEqualTo("Vocês aceitam Unimed?");
        assertThat(journey.<String>getList("steps.kind")).startsWith("received")
                .contains("answered", "automation_started", "automation_succeeded", "reply");
        Map<String, Object> answered = journey.getMap("steps.find { it.kind == 'answered' }.detail");
        assertThat(answered).containsEntry("mode", "extractive").containsEntry("sources", List.of("Convênios aceitos"));
        assertThat(journey.getString("steps.find { it.kind == 'automation_started' }.detail.automationName")).isEqualTo("Boas-vindas");
        assertThat(journey.getList("replies")).hasSize(1);
        assertThat(journey.getString("replies[0].origin")).isEqualTo("bot");
        assertThat(journey.getString("replies[0].status")).isEqualTo("accepted");

        // Another organisation learns nothing, not even that the message exists.
        given().auth().oauth2(TestTokens.member(UUID.randomUUID(), "ORG_ADMIN"))
                .when().get("/api/conversations/{c}/messages/{m}/journey", conversationId, messageId).then().statusCode(404);
        given().auth().oauth2(agent).when().get("/api/conversations/{c}/messages/{m}/journey", conversationId, UUID.randomUUID())
                .then().statusCode(404).body("status", equalTo(404));
    }

    /** A contact's text message reaches the number; answers its stored row (id, conversation_id). */
    private static io.vertx.mutiny.sqlclient.Row contactWrites(Meta.Number number, String text) {
        String wamid = Meta.wamid();
        assertThat(Meta.deliver(Meta.payload("text", number.phoneNumberId(), Meta.waId(), wamid, text))).isEqualTo(200);
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Meta.row(
                "select id, conversation_id from message where org_id = $1 and wa_message_id = $2", number.orgId(), wamid), r -> r != null);
    }

    @Test
    void answers_and_runs_arriving_at_once_are_recorded_a_batch_together_each_once_with_a_hand_off_among_them_applied_in_turn() {
        Meta.Number number = Meta.connectedNumber();
        UUID org = number.orgId();
        var first = contactWrites(number, "vocês aceitam Unimed?");
        var second = contactWrites(number, "quero falar com alguém");
        var third = contactWrites(number, "qual o horário?");
        double memoryBatches = batches("gateway.memory-events");
        double flowBatches = batches("gateway.flow-events");

        // One key each, so one partition, in this order; sent at once, so polled as a batch (or a few).
        String key = org + ":5581900000001";
        String twice = UUID.randomUUID().toString();
        kafka.sendAtOnce("ft9.memory.events", List.of(answerGiven(key, twice, org, first.getUUID(0)), answerGiven(key, twice, org, first.getUUID(0)),
                new CloudEventSender.Event(key, UUID.randomUUID().toString(), "ft9.memory.conversation.handoff_requested.v1", "memory-service",
                        org.toString(), "{\"orgId\":\"%s\",\"conversationId\":\"%s\",\"reason\":\"nothing relevant\",\"messageId\":\"%s\"}"
                                .formatted(org, second.getUUID(1), second.getUUID(0))),
                answerGiven(key, UUID.randomUUID().toString(), org, third.getUUID(0))));
        UUID started = UUID.randomUUID();
        UUID doneAtOnce = UUID.randomUUID();
        UUID failedUnknown = UUID.randomUUID();
        kafka.sendAtOnce("ft9.flow.events", List.of(
                run(org, "started", started, first.getUUID(0)), run(org, "succeeded", started, null),
                run(org, "succeeded", doneAtOnce, third.getUUID(0)), run(org, "failed", failedUnknown, null)));

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Meta.row("select count(*) from message_journey where org_id = $1",
                org).getLong(0) == 7);
        assertThat(steps(org, first.getUUID(0))).as("the answer given twice recorded once, the run's start and end")
                .containsExactlyInAnyOrder("answer:answered", started + ":automation_started", started + "/end:automation_succeeded");
        assertThat(steps(org, second.getUUID(0))).containsExactly("handoff:handed_off");
        assertThat(Meta.row("select mode from conversation where id = $1", second.getUUID(1)).getString(0))
                .as("the hand-off among the answers applied").isEqualTo(Conversation.HUMAN);
        assertThat(steps(org, third.getUUID(0))).containsExactlyInAnyOrder("answer:answered", doneAtOnce + ":automation_started",
                doneAtOnce + "/end:automation_succeeded");
        assertThat(batches("gateway.memory-events")).as("memory's events applied a batch at a time").isGreaterThan(memoryBatches);
        assertThat(batches("gateway.flow-events")).as("flow's events applied a batch at a time").isGreaterThan(flowBatches);
    }

    private static CloudEventSender.Event answerGiven(String key, String eventId, UUID org, UUID messageId) {
        return new CloudEventSender.Event(key, eventId, "ft9.memory.answer.given.v1", "memory-service", org.toString(),
                "{\"orgId\":\"%s\",\"messageId\":\"%s\",\"commandId\":\"%s\",\"mode\":\"extractive\",\"sources\":[]}"
                        .formatted(org, messageId, UUID.randomUUID()));
    }

    private static CloudEventSender.Event run(UUID org, String outcome, UUID runId, UUID messageId) {
        return new CloudEventSender.Event(org.toString(), UUID.randomUUID().toString(), "ft9.flow.run." + outcome + ".v1", "flow-service",
                org.toString(), "{\"orgId\":\"%s\",\"automationId\":\"%s\",\"automationName\":\"Boas-vindas\",\"runId\":\"%s\",\"messageId\":%s}"
                        .formatted(org, UUID.randomUUID(), runId, messageId == null ? "null" : "\"" + messageId + "\""));
    }

    /** The message's kept steps as "ref:kind". */
    private static List<String> steps(UUID org, UUID messageId) {
        return List.of(Meta.row("select coalesce(array_agg(ref || ':' || kind), '{}') from message_journey where org_id = $1"
                + " and message_id = $2", org, messageId).getArrayOfStrings(0));
    }

    /** Batches a consumer of the gateway applied together so far (its metrics). */
    private static double batches(String consumer) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("ft9_inbox_batches_total{") && line.contains("consumer=\"" + consumer + "\"")
                && line.contains("applied=\"together\"")).mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void a_run_done_where_it_started_shows_in_the_journey_as_started_and_succeeded_from_its_one_event() {
        Meta.Number number = Meta.connectedNumber();
        UUID org = number.orgId();
        var inbound = contactWrites(number, "qual o preço?");
        UUID messageId = inbound.getUUID(0);

        kafka.send("ft9.flow.events", org.toString(), UUID.randomUUID().toString(), "ft9.flow.run.succeeded.v1", "flow-service", org.toString(),
                "{\"orgId\":\"%s\",\"automationId\":\"%s\",\"runId\":\"%s\",\"automationName\":\"Preços\",\"trigger\":\"message_received\",\"messageId\":\"%s\"}"
                        .formatted(org, UUID.randomUUID(), UUID.randomUUID(), messageId));

        JsonPath journey = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(TestTokens.member(org, "ORG_AGENT"))
                .when().get("/api/conversations/{c}/messages/{m}/journey", inbound.getUUID(1), messageId).then().statusCode(200)
                .extract().jsonPath(), j -> j.getList("steps.kind").contains("automation_succeeded"));
        assertThat(journey.<String>getList("steps.kind")).containsSubsequence("received", "automation_started", "automation_succeeded");
        assertThat(journey.getString("steps.find { it.kind == 'automation_started' }.detail.automationName")).isEqualTo("Preços");
    }

    @Test
    void a_step_dead_lettered_for_a_message_then_replayed_by_the_support_team_shows_in_its_journey_once() {
        Meta.Number number = Meta.connectedNumber();
        UUID org = number.orgId();
        var inbound = contactWrites(number, "Qual o preço da limpeza?");
        UUID messageId = inbound.getUUID(0);
        UUID conversationId = inbound.getUUID(1);

        java.time.OffsetDateTime deadLettered = java.time.OffsetDateTime.now().plusSeconds(1);
        UUID deadLetterId = UUID.randomUUID();
        String recorded = UUID.randomUUID().toString();
        String notice = "{\"deadLetterId\":\"%s\",\"orgId\":\"%s\",\"messageId\":\"%s\",\"topic\":\"ft9.whatsapp.outbound.dlq\","
                + "\"originalTopic\":\"ft9.whatsapp.outbound\",\"eventType\":\"ft9.whatsapp.command.send_message.v1\",%s"
                + "\"status\":\"%s\",\"at\":\"%s\"}";
        kafka.send("ft9.tenant.events", org.toString(), recorded, "ft9.tenant.dead_letter.recorded.v1", "tenant-service", org.toString(),
                notice.formatted(deadLetterId, org, messageId, "\"reason\":\"Meta did not take the message: 503\",", "PENDING",
                        deadLettered));
        kafka.send("ft9.tenant.events", org.toString(), recorded, "ft9.tenant.dead_letter.recorded.v1", "tenant-service", org.toString(),
                notice.formatted(deadLetterId, org, messageId, "\"reason\":\"Meta did not take the message: 503\",", "PENDING",
                        deadLettered)); // the same event again
        kafka.send("ft9.tenant.events", org.toString(), UUID.randomUUID().toString(), "ft9.tenant.dead_letter.replayed.v1", "tenant-service",
                org.toString(), notice.formatted(deadLetterId, org, messageId, "", "REPLAYED", deadLettered.plusSeconds(1)));

        String agent = TestTokens.member(org, "ORG_AGENT");
        JsonPath journey = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(agent)
                .when().get("/api/conversations/{c}/messages/{m}/journey", conversationId, messageId).then().statusCode(200)
                .extract().jsonPath(), j -> j.getList("steps.kind").contains("dead_letter_replayed"));
        assertThat(journey.<String>getList("steps.kind")).containsSubsequence("received", "dead_lettered", "dead_letter_replayed");
        assertThat(journey.<String>getList("steps.kind").stream().filter("dead_lettered"::equals)).hasSize(1);
        assertThat(journey.getString("steps.find { it.kind == 'dead_lettered' }.detail.reason")).isEqualTo("Meta did not take the message: 503");
        assertThat(journey.getString("steps.find { it.kind == 'dead_lettered' }.detail.topic")).isEqualTo("ft9.whatsapp.outbound.dlq");
    }
}
