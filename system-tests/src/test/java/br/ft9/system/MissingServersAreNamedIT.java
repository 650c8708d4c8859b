package br.ft9.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * A packaged service whose PostgreSQL, Kafka or Redis is away says which one: it refuses to start
 * without its database, and its readiness names the broker or cache it cannot reach, within seconds.
 */
class MissingServersAreNamedIT {

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void without_postgresql_a_service_stops_at_start_naming_the_database_address() throws Exception {
        int port = closedPort();
        try (ServiceProcess memory = ServiceProcess.launch("memory-service", Map.of("DB_PORT", String.valueOf(port)))) {
            assertThat(memory.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(Files.readString(memory.log)).contains("Connection to 127.0.0.1:" + port + " refused");
        }
    }

    @Test
    void without_kafka_and_redis_readiness_is_down_and_names_both() throws Exception {
        try (ServiceProcess memory = ServiceProcess.launch("memory-service", Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort(),
                "REDIS_URL", "redis://127.0.0.1:" + closedPort()))) {
            memory.awaitHealth("/q/health/live", 200);
            JsonPath health = given().baseUri(memory.uri("").toString()).when().get("/q/health/ready")
                    .then().statusCode(503).body("status", equalTo("DOWN")).extract().jsonPath();
            List<String> down = health.getList("checks.findAll { it.status == 'DOWN' }.name");
            assertThat(down).contains("Kafka connection health check", "Redis connection health check");
            assertThat(health.getList("checks.findAll { it.status == 'UP' }.name", String.class))
                    .anyMatch(name -> name.contains("PostgreSQL"));
        }
    }
}
