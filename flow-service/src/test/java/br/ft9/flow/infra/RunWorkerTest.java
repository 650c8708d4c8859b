package br.ft9.flow.infra;

import static br.ft9.flow.support.Flows.as;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.CloudEventSender;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.flow.domain.TriggerSignature;
import br.ft9.flow.support.Flows;
import br.ft9.flow.support.ThirdPartyStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The worker's claims: a run its own failed drain left RUNNING goes on at the next look; another replica's waits; a run
 * handed over at its start is carried without a claim while there is room.
 */
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

    @Test
    void a_webhook_automations_call_is_made_by_the_replica_that_started_its_run_without_a_claim_and_with_no_room_by_a_worker() {
        UUID clinic = UUID.randomUUID();
        ThirdPartyStubs.server().stubFor(post(urlEqualTo("/crm/at-start/" + clinic)).willReturn(aResponse().withStatus(201)));
        JsonPath automation = as(clinic, "ORG_ADMIN").body("""
                {"name": "Lead", "status": "ACTIVE", "definition": {"trigger": {"type": "webhook"},
                 "steps": [{"type": "call_webhook", "url": "http://127.0.0.1:%d/crm/at-start/%s"}]}}"""
                .formatted(ThirdPartyStubs.server().port(), clinic)).when().post("/api/automations").then().statusCode(201)
                .extract().jsonPath();
        UUID id = UUID.fromString(automation.getString("id"));

        assertThat(signedCall(automation, "{\"lead\": 1}")).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> Flows.row("select count(*) from run where automation_id = $1 and status = 'SUCCEEDED'", id).getLong(0) == 1);
        assertThat(Flows.row("select claimed_by from run where automation_id = $1", id).getString(0))
                .as("carried on by its starter").isEqualTo(worker.handOffClaimant());

        // Every place to carry runs at their start taken (slow systems answering): the next run is left to a worker's claim.
        int taken = 0;
        while (worker.reserve().isPresent()) {
            taken++;
        }
        try {
            assertThat(taken).isPositive();
            assertThat(signedCall(automation, "{\"lead\": 2}")).isEqualTo(202);
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Flows.row("select count(*) from run where automation_id = $1 and status = 'SUCCEEDED'", id)
                            .getLong(0) == 2);
            assertThat(Flows.row("select claimed_by from run where automation_id = $1 order by created_at desc limit 1", id)
                    .getString(0)).as("claimed by a worker").isEqualTo(worker.replica());
        } finally {
            for (int i = 0; i < taken; i++) {
                worker.release();
            }
        }
        assertThat(ThirdPartyStubs.server().findAll(postRequestedFor(urlEqualTo("/crm/at-start/" + clinic)))).hasSize(2);
    }

    private static int signedCall(JsonPath automation, String body) {
        return given().contentType("application/json").body(body)
                .header("X-FT9-Signature", TriggerSignature.sign(automation.getString("webhook.secret"), Instant.now(),
                        body.getBytes(StandardCharsets.UTF_8)))
                .when().post(automation.getString("webhook.path")).then().extract().statusCode();
    }
}
