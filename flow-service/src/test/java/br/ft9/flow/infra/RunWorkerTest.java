package br.ft9.flow.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.flow.support.Flows;
import br.ft9.flow.support.ThirdPartyStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The worker's claims: a run its own failed drain left RUNNING goes on at the next look; another replica's waits. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
@WithTestResource(ThirdPartyStubs.class)
class RunWorkerTest {

    private static CloudEventSender kafka;

    @Inject
    RunWorker worker;

    @BeforeAll
    static void connect() {
        kafka = new CloudEventSender();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void a_run_this_replica_left_running_when_the_database_failed_goes_on_at_once_and_another_replicas_claim_waits() {
        UUID clinic = UUID.randomUUID();
        String automation = Flows.automation(clinic, """
                {"trigger": {"type": "message_received"}, "steps": [{"type": "add_tag", "tag": "retomado"}]}""", false);
        Flows.contactWrites(kafka, clinic, "5581911110091", "Iara", "Oi");
        UUID run = Flows.awaitRun(automation, "SUCCEEDED").getUUID("id");
        UUID other = UUID.randomUUID();
        Flows.execute("insert into run (id, org_id, automation_id, version, trigger_event_id, contact_wa_id, facts, status, step,"
                + " attempts, due_at, claimed_by, claimed_at, created_at, updated_at) select $1, org_id, automation_id, version,"
                + " 'elsewhere', contact_wa_id, facts, 'RUNNING', 0, 0, now(), 'another-replica', now(), now(), now() from run"
                + " where id = $2", other, run);

        // As a drain leaves it when neither its step nor the record of the failure could be written: claimed, not in flight.
        Flows.execute("update run set status = 'RUNNING', step = 0, claimed_by = $1, claimed_at = now() where id = $2",
                worker.replica(), run);

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> "SUCCEEDED".equals(Flows.row("select status from run where id = $1", run).getString(0)));
        assertThat(Flows.row("select status, claimed_by from run where id = $1", other).getString(1))
                .as("a claim of a replica that may still be working is left for five minutes").isEqualTo("another-replica");
        Flows.execute("delete from run where id = $1", other);
    }
}
