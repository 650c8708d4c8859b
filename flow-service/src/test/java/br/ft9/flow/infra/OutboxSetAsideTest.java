package br.ft9.flow.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import br.ft9.common.outbox.OutboxRelay;
import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.flow.support.Flows;
import br.ft9.flow.support.ThirdPartyStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An event the broker would refuse for ever does not hold back the events behind it. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(ThirdPartyStubs.class)
class OutboxSetAsideTest {

    @Test
    void an_event_larger_than_the_broker_takes_is_set_aside_to_the_dead_letter_topic_and_the_next_event_is_published() {
        UUID org = UUID.randomUUID();
        UUID huge = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        try (KafkaProbe events = KafkaProbe.tail("ft9.flow.events"); KafkaProbe deadLetters = KafkaProbe.tail("ft9.flow.events.dlq")) {
            Flows.execute("insert into event_outbox (id, org_id, topic, record_key, type, payload, created_at) values"
                    + " ($1, $2, 'ft9.flow.events', $3, 'ft9.flow.run.started.v1', $4, now() - interval '1 second')",
                    huge, org, org.toString(), "{\"text\":\"" + "x".repeat(1_200_000) + "\"}");
            Flows.execute("insert into event_outbox (id, org_id, topic, record_key, type, payload, created_at) values"
                    + " ($1, $2, 'ft9.flow.events', $3, 'ft9.flow.run.started.v1', $4, now())",
                    next, org, org.toString(), "{\"orgId\":\"" + org + "\"}");

            ConsumerRecord<String, String> published = events.awaitRecord(r -> r.value().contains(org.toString()), Duration.ofSeconds(20));
            assertThat(KafkaProbe.cloudEvent(published)).containsEntry("id", next.toString());
            ConsumerRecord<String, String> setAside = deadLetters.awaitRecord(r -> r.value().contains(huge.toString()),
                    Duration.ofSeconds(20));
            assertThat(KafkaProbe.cloudEvent(setAside)).containsEntry("type", OutboxRelay.SET_ASIDE);
            assertThat(setAside.value()).contains("\"type\":\"ft9.flow.run.started.v1\"").contains("\"limit\":900000");
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Flows.row(
                "select count(*) from event_outbox where id in ($1, $2) and published_at is not null", huge, next).getLong(0) == 2);
    }
}
