package br.ft9.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.gateway.support.Commands;
import br.ft9.gateway.support.GraphApiStub;
import br.ft9.gateway.support.Meta;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With status events turned on (off by default: nothing reads them), each change of a sent message's status, the
 * failures included, is published on {@code ft9.whatsapp.status}, keyed by organisation and contact.
 */
@QuarkusTest
@TestProfile(StatusEventsTest.StatusEventsOn.class)
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(GraphApiStub.class)
class StatusEventsTest {

    /** A deployment with a consumer of delivery statuses. */
    public static class StatusEventsOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ft9.whatsapp.status-events", "true");
        }
    }

    @Test
    void the_accepted_message_and_each_later_status_meta_reports_are_published_forward_only() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Vocês abrem sábado?");

        try (KafkaProbe statuses = KafkaProbe.tail("ft9.whatsapp.status"); CloudEventSender kafka = new CloudEventSender()) {
            UUID command = Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Sim, das 8h às 12h."));
            String wamid = Commands.awaitOutcome(command).getString("wa_message_id");
            ConsumerRecord<String, String> accepted = statuses.awaitRecord(r -> r.value().contains(command.toString()),
                    Duration.ofSeconds(15));
            assertThat(accepted.key()).isEqualTo(number.orgId() + ":" + contact);
            assertThat(accepted.value()).contains("\"status\":\"accepted\"").contains("\"delivery\":\"graph\"");

            assertThat(Meta.deliver(Meta.payload("status_read", number.phoneNumberId(), contact, wamid, null))).isEqualTo(200);
            assertThat(Meta.deliver(Meta.payload("status_delivered", number.phoneNumberId(), contact, wamid, null))).isEqualTo(200);

            ConsumerRecord<String, String> read = statuses.awaitRecord(r -> r.value().contains(wamid)
                    && r.value().contains("\"status\":\"read\""), Duration.ofSeconds(15));
            assertThat(read.key()).isEqualTo(number.orgId() + ":" + contact);
            assertThat(Meta.row("select status from message where command_id = $1", command).getString("status")).isEqualTo("read");
        }
    }

    @Test
    void a_failure_meta_reports_is_published_with_its_reason() {
        Meta.Number number = Meta.connectedNumber();
        String contact = Meta.waId();
        Meta.contactWrites(number, contact, "Oi");
        GraphApiStub.refuseSendsFrom(number.phoneNumberId());

        try (KafkaProbe statuses = KafkaProbe.tail("ft9.whatsapp.status"); CloudEventSender kafka = new CloudEventSender()) {
            UUID command = Commands.send(kafka, number.orgId(), contact, "bot", Commands.text("Olá!"));
            assertThat(Commands.awaitOutcome(command).getString("status")).isEqualTo("failed");
            ConsumerRecord<String, String> published = statuses.awaitRecord(r -> r.value().contains(command.toString()),
                    Duration.ofSeconds(15));
            assertThat(published.value()).contains("\"status\":\"failed\"").contains("Invalid parameter");
        }
    }
}
