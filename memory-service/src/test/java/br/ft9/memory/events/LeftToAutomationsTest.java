package br.ft9.memory.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.CloudEventSender.Event;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.memory.support.Knowledge;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A message an active automation answers by itself (flow-service's claims) gets nothing from the assistant, so the
 * patient is not answered twice; every other message is answered as before, and a claim withdrawn gives it back.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
class LeftToAutomationsTest {

    private static final String SEND = "ft9.whatsapp.command.send_message.v1";

    /** flow-service announcing the clinic's claims as of {@code at}; answers the event id. */
    private static String claims(CloudEventSender kafka, UUID clinic, String at, String claims) {
        String eventId = UUID.randomUUID().toString();
        kafka.send("ft9.flow.automations", clinic.toString(), eventId, MessageClaimsChangedV1.TYPE, "flow-service",
                clinic.toString(), "{\"orgId\":\"%s\",\"claims\":%s,\"at\":\"%s\"}".formatted(clinic, claims, at));
        return eventId;
    }

    private static long sent(UUID clinic, String words) {
        return Knowledge.row("select count(*) from event_outbox where type = $1 and org_id = $2 and payload like $3", SEND, clinic,
                "%" + words + "%").getLong(0);
    }

    @Test
    void the_assistant_leaves_a_keyword_message_to_its_automation_and_answers_the_next_one_and_again_once_the_claim_is_withdrawn() {
        UUID clinic = UUID.randomUUID();
        UUID automation = UUID.randomUUID();
        Knowledge.faq(clinic, "Qual o horário de atendimento?", "Atendemos de segunda a sexta, das 8h às 18h.");
        Knowledge.faq(clinic, "Vocês aceitam o convênio Unimed?", "Sim, aceitamos Unimed em todas as especialidades.");
        String waId = "5581966665555";

        try (KafkaProbe outbound = KafkaProbe.tail("ft9.whatsapp.outbound"); KafkaProbe memoryEvents = KafkaProbe.tail("ft9.memory.events");
                CloudEventSender kafka = new CloudEventSender()) {
            claims(kafka, clinic, "2026-12-06T14:00:00Z", "[{\"automationId\":\"%s\",\"automationName\":\"Horário\",\"match\":\"keyword\","
                    .formatted(automation) + "\"keywords\":[\"horário\"],\"pattern\":null,\"hours\":\"any\"}]");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Knowledge.row(
                    "select count(*) from automation_claims where org_id = $1", clinic).getLong(0) == 1);

            // same contact, same partition: once the second is answered, the first was decided
            Knowledge.publish(kafka, UUID.randomUUID().toString(), clinic, waId, Knowledge.received(clinic, waId, "Qual o HORARIO?", "BOT"));
            Knowledge.publish(kafka, UUID.randomUUID().toString(), clinic, waId, Knowledge.received(clinic, waId, "Aceitam Unimed?", "BOT"));
            outbound.awaitRecord(r -> r.value().contains(clinic.toString()) && r.value().contains("aceitamos Unimed"), Duration.ofSeconds(30));
            assertThat(sent(clinic, "das 8h às 18h")).as("the automation's message, not the assistant's").isZero();
            assertThat(Knowledge.row("select count(*) from event_outbox where org_id = $1 and type like '%handoff%'", clinic).getLong(0))
                    .as("and no hand-off either").isZero();

            // the automation paused (claims withdrawn), then an older announcement arriving late changes nothing
            claims(kafka, clinic, "2026-12-06T15:00:00Z", "[]");
            String late = claims(kafka, clinic, "2026-12-06T14:30:00Z", "[{\"automationId\":\"%s\",\"automationName\":\"Horário\",\"match\":\"keyword\","
                    .formatted(automation) + "\"keywords\":[\"horário\"],\"pattern\":null,\"hours\":\"any\"}]");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Knowledge.row("select count(*) from processed_event"
                    + " where consumer = 'memory.flow-automations' and event_id = $1", late).getLong(0) == 1);
            assertThat(Knowledge.row("select claims::text from automation_claims where org_id = $1", clinic).getString(0)).isEqualTo("[]");
            Knowledge.publish(kafka, UUID.randomUUID().toString(), clinic, waId, Knowledge.received(clinic, waId, "Qual o horário?", "BOT"));
            outbound.awaitRecord(r -> r.value().contains(clinic.toString()) && r.value().contains("das 8h às 18h"), Duration.ofSeconds(30));
        }
        assertThat(sent(clinic, "das 8h às 18h")).isEqualTo(1);
    }

    @Test
    void keyword_messages_arriving_together_are_left_to_the_automation_in_one_transaction_and_a_redelivered_one_counts_once() {
        UUID clinic = UUID.randomUUID();
        Knowledge.faq(clinic, "Vocês aceitam o convênio Unimed?", "Sim, aceitamos Unimed em todas as especialidades.");
        String waId = "5581966664444";
        String key = clinic + ":" + waId;
        String twice = UUID.randomUUID().toString();
        double leftBefore = metric("ft9_memory_left_to_automations_total", "");
        double togetherBefore = metric("ft9_inbox_batches_total", "applied=\"together\"");
        double aloneBefore = metric("ft9_inbox_batches_total", "applied=\"one-at-a-time\"");

        try (KafkaProbe outbound = KafkaProbe.tail("ft9.whatsapp.outbound"); CloudEventSender kafka = new CloudEventSender()) {
            claims(kafka, clinic, "2026-12-06T14:00:00Z", "[{\"automationId\":\"%s\",\"automationName\":\"Horário\",\"match\":\"keyword\","
                    .formatted(UUID.randomUUID()) + "\"keywords\":[\"Horário\"],\"pattern\":null,\"hours\":\"any\"}]");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Knowledge.row(
                    "select count(*) from automation_claims where org_id = $1", clinic).getLong(0) == 1);

            // One contact, so one partition, in this order; sent at once, so polled in few batches: twenty keyword messages
            // (the first delivered twice), a receptionist's reply among them, and last a question for the assistant.
            List<Event> events = new ArrayList<>();
            String firstMessage = Knowledge.received(clinic, waId, "qual o horario de sabado?", "BOT");
            events.add(new Event(key, twice, MessageReceivedV1.TYPE, "whatsapp-gateway", clinic.toString(), firstMessage));
            events.add(new Event(key, twice, MessageReceivedV1.TYPE, "whatsapp-gateway", clinic.toString(), firstMessage));
            for (int i = 2; i <= 20; i++) {
                if (i == 10) {
                    events.add(new Event(key, UUID.randomUUID().toString(), AgentRepliedV1.TYPE, "whatsapp-gateway", clinic.toString(),
                            ("{\"orgId\":\"%s\",\"conversationId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"%s\",\"messageId\":\"%s\","
                                    + "\"agentId\":\"%s\",\"text\":\"Já te respondo\",\"at\":\"2026-12-06T14:01:00Z\"}").formatted(clinic,
                                            UUID.randomUUID(), UUID.randomUUID(), waId, UUID.randomUUID(), UUID.randomUUID())));
                }
                events.add(new Event(key, UUID.randomUUID().toString(), MessageReceivedV1.TYPE, "whatsapp-gateway", clinic.toString(),
                        Knowledge.received(clinic, waId, "HORÁRIO " + i + "?", "BOT")));
            }
            events.add(new Event(key, UUID.randomUUID().toString(), MessageReceivedV1.TYPE, "whatsapp-gateway", clinic.toString(),
                    Knowledge.received(clinic, waId, "Aceitam Unimed?", "BOT")));
            kafka.sendAtOnce("ft9.whatsapp.inbound", events);

            outbound.awaitRecord(r -> r.value().contains(clinic.toString()) && r.value().contains("aceitamos Unimed"), Duration.ofSeconds(30));
            // The batch's ids are recorded after its answered messages: its acknowledgement (the batch's end) is awaited.
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> metric("ft9_memory_left_to_automations_total", "")
                    - leftBefore >= 20);
        }
        assertThat(metric("ft9_memory_left_to_automations_total", "") - leftBefore).as("each keyword message once").isEqualTo(20);
        assertThat(Knowledge.row("select count(*) from processed_event where consumer = 'memory.inbound-messages' and event_id = $1",
                twice).getLong(0)).isEqualTo(1);
        assertThat(sent(clinic, "")).as("the one answer only: no reply for the keyword messages").isEqualTo(1);
        assertThat(Knowledge.row("select count(*) from event_outbox where org_id = $1 and type like '%handoff%'", clinic).getLong(0))
                .as("and no hand-off").isZero();
        double together = metric("ft9_inbox_batches_total", "applied=\"together\"") - togetherBefore;
        assertThat(together).as("22 messages in fewer batches than messages").isPositive().isLessThan(22);
        assertThat(metric("ft9_inbox_batches_total", "applied=\"one-at-a-time\"") - aloneBefore)
                .as("the receptionist's reply among them is applied in its turn, not the batch one at a time").isZero();
    }

    /** A counter of memory-service's inbound consumer (its metrics), summed over the tags that match. */
    private static double metric(String name, String tag) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> (line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(tag)
                && (!name.startsWith("ft9_inbox") || line.contains("consumer=\"memory.inbound-messages\"")))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
