package br.ft9.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The pre-flight check names each server that does not answer, and only those. */
class RealInfrastructureTest {

    /** A port on which nothing listens: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void names_postgresql_redis_and_kafka_when_none_of_them_answers() throws IOException {
        List<String> missing = RealInfrastructure.missing(Map.of(
                "DB_PORT", String.valueOf(closedPort()),
                "REDIS_URL", "redis://127.0.0.1:" + closedPort(),
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort()));

        assertThat(missing).hasSize(3);
        assertThat(missing.get(0)).startsWith("PostgreSQL is not reachable on 127.0.0.1:");
        assertThat(missing.get(1)).startsWith("Redis is not answering on 127.0.0.1:");
        assertThat(missing.get(2)).startsWith("Kafka is not reachable on 127.0.0.1:");
    }

    @Test
    void a_port_that_accepts_connections_but_is_not_redis_is_reported_as_redis_missing() throws IOException {
        try (ServerSocket notRedis = new ServerSocket(0)) {
            List<String> missing = RealInfrastructure.missing(Map.of(
                    "REDIS_URL", "redis://127.0.0.1:" + notRedis.getLocalPort()));
            assertThat(missing).anySatisfy(m -> assertThat(m).startsWith("Redis is not answering"));
        }
    }

    @Test
    void reports_nothing_when_the_real_servers_answer() {
        assertThat(RealInfrastructure.missing(System.getenv())).isEmpty();
    }
}
