package br.ft9.memory.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
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
}
