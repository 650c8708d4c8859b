package br.ft9.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.KafkaProbe;
import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * flow-service as a real process: a run waiting in a delay when the service stops is carried on by the next process
 * (a restart, or another replica) once it is due, and its send command reaches the real broker.
 */
class DelayedRunSurvivesRestartIT {

    @Test
    void a_delayed_run_survives_a_restart_of_the_service() throws Exception {
        assertThat(RealInfrastructure.missing(System.getenv())).as("servers the services need").isEmpty();
        UUID clinic = UUID.randomUUID();
        String runId;
        try (ServiceProcess first = ServiceProcess.start("flow-service", Map.of())) {
            JsonPath automation = given().baseUri(first.uri("").toString()).auth().oauth2(TestTokens.member(clinic, "ORG_ADMIN"))
                    .contentType(ContentType.JSON).body("{\"template\":\"follow_up_after_visit\",\"status\":\"ACTIVE\"}")
                    .when().post("/api/automations/from-template").then().statusCode(201).extract().jsonPath();
            String body = "{\"waId\":\"5581933330001\",\"name\":\"Lúcia\"}";
            given().baseUri(first.uri("").toString()).contentType(ContentType.JSON)
                    .header("X-FT9-Signature", Signatures.flowTrigger(automation.getString("webhook.secret"),
                            java.time.Instant.now().getEpochSecond(), body)).body(body)
                    .when().post(automation.getString("webhook.path")).then().statusCode(202);
            String automationId = automation.getString("id");
            runId = await().atMost(Duration.ofSeconds(30)).until(() -> Database.value("flow",
                    "select id from run where automation_id = ?::uuid and status = 'READY' and step = 1", automationId), id -> id != null);
        }
        // Three days pass while the service is down.
        assertThat(Database.update("flow", "update run set due_at = now() where id = ?::uuid", runId)).isEqualTo(1);

        try (KafkaProbe outbound = KafkaProbe.tail("ft9.whatsapp.outbound");
                ServiceProcess second = ServiceProcess.start("flow-service", Map.of())) {
            ConsumerRecord<String, String> command = outbound.awaitRecord(r -> r.value().contains(clinic.toString()),
                    Duration.ofSeconds(30));
            assertThat(command.key()).isEqualTo(clinic + ":5581933330001");
            assertThat(command.value()).contains("\"name\":\"follow_up\"").contains("[\"Lúcia\"]");
            await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(Database.value("flow",
                    "select status from run where id = ?::uuid", runId)));
        }
    }
}
