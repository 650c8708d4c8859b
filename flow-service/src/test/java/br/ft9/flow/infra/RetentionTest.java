package br.ft9.flow.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import br.ft9.common.outbox.OutboxRelay;
import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.common.retention.RetentionSweeper;
import br.ft9.flow.support.Flows;
import br.ft9.flow.support.ThirdPartyStubs;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What outlives its time is emptied: a finished run older than its organisation's retention loses its data (the run and
 * its steps stay, counted), and an event published more than a week ago leaves the outbox.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(ThirdPartyStubs.class)
class RetentionTest {

    @Test
    void a_finished_run_older_than_the_organisations_retention_loses_its_data_and_stays_counted() {
        UUID clinic = UUID.randomUUID();
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "set_contact_field", "field": "queixa", "value": "{{trigger.text}}"}]}""",
                false);
        try (CloudEventSender kafka = new CloudEventSender()) {
            kafka.send("ft9.tenant.events", clinic.toString(), UUID.randomUUID().toString(), "ft9.tenant.organization.updated.v1",
                    "tenant-service", clinic.toString(), ("{\"orgId\":\"%s\",\"timeZone\":\"America/Recife\",\"status\":\"ACTIVE\","
                            + "\"messageRetentionDays\":30}").formatted(clinic));
            Flows.contactWrites(kafka, clinic, "5581955556001", "Maria", "Dor de dente há três dias");
            Flows.contactWrites(kafka, clinic, "5581955556002", "João", "Quero marcar limpeza");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Flows.row("select count(*) from run where automation_id = $1"
                + " and status = 'SUCCEEDED'", UUID.fromString(automation)).getLong(0) == 2
                && Flows.row("select count(*) from organization_profile where org_id = $1 and message_retention_days = 30", clinic)
                        .getLong(0) == 1);
        Flows.execute("update run set created_at = now() - interval '40 days' where automation_id = $1 and contact_wa_id = $2",
                UUID.fromString(automation), "5581955556001");
        Flows.execute("update run set created_at = now() - interval '20 days' where automation_id = $1 and contact_wa_id = $2",
                UUID.fromString(automation), "5581955556002");

        int emptied = Arc.container().instance(RetentionSweeper.class).get().sweep().await().atMost(Duration.ofSeconds(30));

        assertThat(emptied).isGreaterThanOrEqualTo(1);
        assertThat(Flows.row("select count(*) from run where automation_id = $1 and status = 'SUCCEEDED'", UUID.fromString(automation))
                .getLong(0)).as("both runs still counted").isEqualTo(2);
        assertThat(Flows.row("select count(*) from run where automation_id = $1 and facts like '%Dor de dente%'",
                UUID.fromString(automation)).getLong(0)).isZero();
        assertThat(Flows.row("select count(*) from run_step s join run r on r.id = s.run_id where r.automation_id = $1"
                + " and (s.input like '%Dor de dente%' or s.output like '%Dor de dente%')", UUID.fromString(automation)).getLong(0)).isZero();
        assertThat(Flows.row("select count(*) from run where automation_id = $1 and facts like '%Quero marcar limpeza%'",
                UUID.fromString(automation)).getLong(0)).as("a run younger than the retention keeps its data").isEqualTo(1);
    }

    @Test
    void events_published_more_than_a_week_ago_leave_the_outbox_and_newer_or_unpublished_ones_stay() {
        UUID org = UUID.randomUUID();
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        UUID waiting = UUID.randomUUID();
        String insert = "insert into event_outbox (id, org_id, topic, record_key, type, payload, created_at, published_at) values"
                + " ($1, $2, 'ft9.flow.events', $3, 'ft9.flow.run.succeeded.v1', '{}', now() - interval '9 days', $4)";
        Flows.execute(insert, old, org, org.toString(), java.time.OffsetDateTime.now().minusDays(8));
        Flows.execute(insert, recent, org, org.toString(), java.time.OffsetDateTime.now().minusDays(6));
        // Not published yet.
        Flows.execute("insert into event_outbox (id, org_id, topic, record_key, type, payload, created_at) values ($1, $2,"
                + " 'ft9.flow.events', $3, 'ft9.flow.run.succeeded.v1', '{\"orgId\":\"" + org + "\"}', now())", waiting, org, org.toString());

        int pruned = Arc.container().instance(OutboxRelay.class).get().prune().await().atMost(Duration.ofSeconds(30));

        assertThat(pruned).isGreaterThanOrEqualTo(1);
        assertThat(Flows.row("select count(*) from event_outbox where id = $1", old).getLong(0)).isZero();
        assertThat(Flows.row("select count(*) from event_outbox where id in ($1, $2)", recent, waiting).getLong(0)).isEqualTo(2);
    }

    @Test
    void a_consumers_record_of_an_applied_event_is_forgotten_after_ninety_days_and_a_younger_one_is_kept() {
        String consumer = "retention-test-" + UUID.randomUUID();
        String insert = "insert into processed_event (consumer, event_id, event_type, processed_at) values ($1, $2,"
                + " 'ft9.whatsapp.message.received.v1', now() - make_interval(days => $3))";
        Flows.execute(insert, consumer, "forgotten", 91);
        Flows.execute(insert, consumer, "remembered", 89);

        int emptied = Arc.container().instance(RetentionSweeper.class).get().sweep().await().atMost(Duration.ofSeconds(30));

        assertThat(emptied).isGreaterThanOrEqualTo(1);
        assertThat(Flows.row("select string_agg(event_id, ',') from processed_event where consumer = $1", consumer).getString(0))
                .isEqualTo("remembered");
    }
}
