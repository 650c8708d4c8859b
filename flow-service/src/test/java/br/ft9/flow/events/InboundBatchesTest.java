package br.ft9.flow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.flow.support.Flows;
import br.ft9.flow.support.ThirdPartyStubs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/** Contacts' messages that arrive together are applied in one batch, each exactly as it would be alone. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(ThirdPartyStubs.class)
class InboundBatchesTest {

    @Inject
    KafkaClientService kafka;

    @Test
    void messages_taken_in_one_batch_start_each_its_runs_once_each_new_contact_is_created_once_and_each_run_is_announced_once()
            throws Exception {
        UUID clinic = UUID.randomUUID();
        String created = Flows.automation(clinic, """
                {"trigger": {"type": "contact_created"},
                 "steps": [{"type": "set_contact_field", "field": "origem", "value": "whatsapp"}]}""", false);
        String received = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "add_tag", "tag": "visto"}]}""", false);
        List<CloudEventSender.Event> events = new ArrayList<>();
        for (String waId : List.of("5581911120001", "5581911120002")) {
            for (String text : List.of("Oi", "Vocês abrem sábado?", "Obrigada")) {
                events.add(new CloudEventSender.Event(clinic + ":" + waId, UUID.randomUUID().toString(),
                        InboundEventsConsumer.RECEIVED, "whatsapp-gateway", clinic.toString(),
                        Flows.received(clinic, waId, "Rita", text)));
            }
        }
        CloudEventSender.Event first = events.get(0);
        events.add(new CloudEventSender.Event(first.key(), first.id(), InboundEventsConsumer.RECEIVED, "whatsapp-gateway",
                clinic.toString(), first.json())); // a redelivery, in the same batch
        double batchesBefore = batchesTogether();

        // The consumer's polling thread is held while the events are written, so that its next poll takes them all.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        kafka.getConsumer("inbound").runOnPollingThread(consumer -> {
            held.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).subscribe().with(done -> { }, failure -> release.countDown());
        assertThat(held.await(20, TimeUnit.SECONDS)).as("the polling thread is held").isTrue();
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.sendAtOnce("ft9.whatsapp.inbound", events);
        } finally {
            release.countDown();
        }

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> runs(received) == 6 && runs(created) == 2);
        assertThat(batchesTogether() - batchesBefore).as("the seven events came in at most one batch a partition")
                .isBetween(1.0, 3.0);
        assertThat(Flows.row("select count(*) from run where automation_id = $1"
                + " and cast(facts as jsonb) -> 'trigger' ->> 'firstMessage' = 'true'", UUID.fromString(received)).getLong(0))
                .as("one first message per contact").isEqualTo(2);
        assertThat(Flows.row("select count(*) from flow_contact where org_id = $1"
                + " and cast(fields as jsonb) ->> 'origem' = 'whatsapp' and 'visto' = any(tags)", clinic).getLong(0))
                .isEqualTo(2);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Flows.row("select count(*) from run"
                + " where automation_id in ($1, $2) and status = 'SUCCEEDED'",
                UUID.fromString(received), UUID.fromString(created)).getLong(0) == 8);
        // The redelivery shares its original's key, so its partition and its batch: applied already, and it started nothing.
        assertThat(runs(received)).as("the redelivery started nothing").isEqualTo(6);
        // The batch's events reach the outbox by one insert at the end of its transaction: each run's, once.
        io.vertx.mutiny.sqlclient.Row succeeded = Flows.row("select count(*), count(distinct cast(payload as jsonb) ->> 'runId')"
                + " from event_outbox where org_id = $1 and type = $2", clinic, FlowEvents.RUN_SUCCEEDED);
        assertThat(List.of(succeeded.getLong(0), succeeded.getLong(1))).as("one run.succeeded event per run, none twice")
                .containsExactly(8L, 8L);
    }

    private static long runs(String automation) {
        return Flows.row("select count(*) from run where automation_id = $1", UUID.fromString(automation)).getLong(0);
    }

    private static double batchesTogether() {
        Counter counter = Metrics.globalRegistry.find("ft9.inbox.batches").tag("consumer", "flow.inbound")
                .tag("applied", "together").counter();
        return counter == null ? 0 : counter.count();
    }
}
