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
        // Also: a once-per-contact automation starts at the first of a contact's messages in the batch only, each run
        // started has its step's record, and the plan counts each run started (the runs are written at the batch's end).
        UUID clinic = UUID.randomUUID();
        String created = Flows.automation(clinic, """
                {"trigger": {"type": "contact_created"},
                 "steps": [{"type": "set_contact_field", "field": "origem", "value": "whatsapp"}]}""", false);
        String received = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "add_tag", "tag": "visto"}]}""", false);
        String welcome = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "add_tag", "tag": "boas-vindas"}]}""", true);
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
        double batchesBefore = batches("together");

        inOneBatch(events);

        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> runs(received) == 6 && runs(created) == 2 && runs(welcome) == 6);
        assertThat(batches("together") - batchesBefore).as("the seven events came in at most one batch a partition")
                .isBetween(1.0, 3.0);
        assertThat(Flows.row("select count(*) from run where automation_id = $1"
                + " and cast(facts as jsonb) -> 'trigger' ->> 'firstMessage' = 'true'", UUID.fromString(received)).getLong(0))
                .as("one first message per contact").isEqualTo(2);
        assertThat(Flows.row("select count(*) from flow_contact where org_id = $1"
                + " and cast(fields as jsonb) ->> 'origem' = 'whatsapp' and 'visto' = any(tags) and 'boas-vindas' = any(tags)",
                clinic).getLong(0)).isEqualTo(2);
        assertThat(Flows.row("select count(*) filter (where status = 'SUCCEEDED'), count(*) filter (where status = 'SKIPPED')"
                + " from run where automation_id = $1", UUID.fromString(welcome)).getLong(1))
                .as("the welcome skipped at each contact's later messages").isEqualTo(4);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Flows.row("select count(*) from run"
                + " where automation_id in ($1, $2, $3) and status = 'SUCCEEDED'",
                UUID.fromString(received), UUID.fromString(created), UUID.fromString(welcome)).getLong(0) == 10);
        // The redelivery shares its original's key, so its partition and its batch: applied already, and it started nothing.
        assertThat(runs(received)).as("the redelivery started nothing").isEqualTo(6);
        assertThat(Flows.row("select count(*) from run_step s join run r on r.id = s.run_id where r.org_id = $1"
                + " and s.status = 'SUCCEEDED'", clinic).getLong(0)).as("each run's step recorded").isEqualTo(10);
        assertThat(Flows.row("select sum(runs) from run_usage where org_id = $1", clinic).getLong(0))
                .as("each run started counted against the plan, the skipped ones not").isEqualTo(10);
        // The batch's events reach the outbox by one insert at the end of its transaction: each run's, once.
        io.vertx.mutiny.sqlclient.Row succeeded = Flows.row("select count(*), count(distinct cast(payload as jsonb) ->> 'runId')"
                + " from event_outbox where org_id = $1 and type = $2", clinic, FlowEvents.RUN_SUCCEEDED);
        assertThat(List.of(succeeded.getLong(0), succeeded.getLong(1))).as("one run.succeeded event per run, none twice")
                .containsExactly(10L, 10L);
    }

    @Test
    void a_batch_starting_more_runs_than_the_plan_has_room_for_is_applied_one_message_at_a_time_up_to_the_limit()
            throws Exception {
        UUID clinic = UUID.randomUUID();
        try (CloudEventSender sender = new CloudEventSender()) {
            sender.send("ft9.tenant.events", clinic.toString(), UUID.randomUUID().toString(), "ft9.tenant.limits.changed.v1",
                    "tenant-service", clinic.toString(), ("{\"orgId\":\"%s\",\"plan\":\"STARTER\","
                            + "\"messagesPerMonth\":1000,\"knowledgeItems\":100,\"automations\":5,\"seats\":3,"
                            + "\"automationRunsPerMonth\":5}").formatted(clinic));
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Flows.row("select count(*) from organization_profile"
                + " where org_id = $1 and runs_per_month_limit = 5", clinic).getLong(0) == 1);
        String welcome = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "add_tag", "tag": "boas-vindas"}]}""", true);
        String every = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "add_tag", "tag": "visto"}]}""", false);
        // One key for the four, so one partition and, the poll held, one batch: six runs to start, room for five.
        List<CloudEventSender.Event> events = new ArrayList<>();
        for (String waId : List.of("5581911120011", "5581911120011", "5581911120012", "5581911120012")) {
            events.add(new CloudEventSender.Event(clinic + ":one", UUID.randomUUID().toString(), InboundEventsConsumer.RECEIVED,
                    "whatsapp-gateway", clinic.toString(), Flows.received(clinic, waId, "Rita", "Oi")));
        }
        double aloneBefore = batches("one-at-a-time");
        double succeededBefore = succeededRuns();

        inOneBatch(events);

        // Alone, in order: each contact's first message starts the welcome and the other, the second the other only; the
        // last message finds the plan full.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> runs(welcome) == 4 && runs(every) == 3);
        assertThat(batches("one-at-a-time") - aloneBefore).as("the batch was applied one message at a time")
                .isGreaterThanOrEqualTo(1.0);
        assertThat(Flows.row("select count(*) from run where automation_id = $1 and status = 'SKIPPED'", UUID.fromString(welcome))
                .getLong(0)).isEqualTo(2);
        assertThat(Flows.row("select sum(runs) from run_usage where org_id = $1", clinic).getLong(0)).isEqualTo(5);
        // Five runs succeeded. The refused batch had finished six before its end refused them: counted too, the metric
        // would have grown by eleven (another test's run finishing meanwhile may add one or two).
        assertThat(succeededRuns() - succeededBefore).as("runs counted in the metric once").isBetween(5.0, 8.0);
    }

    @Test
    void a_contacts_message_and_their_erasure_taken_in_one_batch_leave_no_run_with_their_data() throws Exception {
        UUID clinic = UUID.randomUUID();
        String waId = "5581911120021";
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "add_tag", "tag": "visto"}]}""", false);
        UUID contactId = UUID.nameUUIDFromBytes((clinic + waId).getBytes()); // as Flows.received names them
        UUID erasure = UUID.randomUUID();
        String key = clinic + ":" + waId; // one partition: the message, then the erasure
        String erasureRequested = ("{\"erasureId\":\"%s\",\"orgId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"%s\","
                + "\"requestedAt\":\"2026-12-06T12:00:00Z\"}").formatted(erasure, clinic, contactId, waId);
        inOneBatch(List.of(
                new CloudEventSender.Event(key, UUID.randomUUID().toString(), InboundEventsConsumer.RECEIVED, "whatsapp-gateway",
                        clinic.toString(), Flows.received(clinic, waId, "Rita", "Quero marcar consulta")),
                new CloudEventSender.Event(key, UUID.randomUUID().toString(), InboundEventsConsumer.ERASURE_REQUESTED,
                        "whatsapp-gateway", clinic.toString(), erasureRequested)));

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Flows.row("select count(*) from event_outbox"
                + " where org_id = $1 and type = $2", clinic, FlowEvents.CONTACT_ERASED).getLong(0) == 1);
        io.vertx.mutiny.sqlclient.Row run = Flows.row("select count(*), count(*) filter (where contact_wa_id is null"
                + " and facts = '{}') from run where automation_id = $1", UUID.fromString(automation));
        assertThat(List.of(run.getLong(0), run.getLong(1))).as("the run started, then erased").containsExactly(1L, 1L);
        assertThat(Flows.row("select count(*) from flow_contact where org_id = $1", clinic).getLong(0)).isZero();
    }

    /** The consumer's polling thread is held while the events are written, so that its next poll takes them all. */
    private void inOneBatch(List<CloudEventSender.Event> events) throws Exception {
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
    }

    private static long runs(String automation) {
        return Flows.row("select count(*) from run where automation_id = $1", UUID.fromString(automation)).getLong(0);
    }

    private static double succeededRuns() {
        Counter counter = Metrics.globalRegistry.find("ft9.flow.runs").tag("outcome", "succeeded").counter();
        return counter == null ? 0 : counter.count();
    }

    private static double batches(String applied) {
        Counter counter = Metrics.globalRegistry.find("ft9.inbox.batches").tag("consumer", "flow.inbound")
                .tag("applied", applied).counter();
        return counter == null ? 0 : counter.count();
    }
}
