package br.ft9.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local scripts' infrastructure checks: with a server down and starting forbidden
 * ({@code FT9_NO_START=1}), they fail with one line that names the server, not a stack trace.
 */
class LocalScriptsIT {

    @TempDir
    Path run;

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs one function of deploy/local/lib.sh; answers its exit code and everything it printed. */
    private Map.Entry<Integer, String> runLib(String function, Map<String, String> env) throws Exception {
        Path lib = Path.of(System.getProperty("ft9.root", "..")).resolve("deploy/local/lib.sh");
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", ". \"$0\" && " + function, lib.toString()))
                .redirectErrorStream(true);
        builder.environment().put("FT9_RUN", run.toString());
        builder.environment().put("FT9_NO_START", "1");
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(function + " finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return Map.entry(process.exitValue(), output);
    }

    @Test
    void a_stopped_postgresql_is_named_in_one_line() throws Exception {
        int port = closedPort();
        Map.Entry<Integer, String> result = runLib("ensure_postgres", Map.of("PG_PORT", String.valueOf(port)));
        assertThat(result.getKey()).isEqualTo(1);
        assertThat(result.getValue().strip()).isEqualTo(
                "[ft9] ERROR: PostgreSQL is not running on 127.0.0.1:" + port + " (FT9_NO_START=1, so not starting it)");
    }

    @Test
    void a_stopped_redis_is_named_in_one_line() throws Exception {
        int port = closedPort();
        Map.Entry<Integer, String> result = runLib("ensure_redis", Map.of("REDIS_PORT", String.valueOf(port)));
        assertThat(result.getKey()).isEqualTo(1);
        assertThat(result.getValue().strip()).isEqualTo(
                "[ft9] ERROR: Redis is not running on 127.0.0.1:" + port + " (FT9_NO_START=1, so not starting it)");
    }

    @Test
    void a_stopped_kafka_is_named_in_one_line() throws Exception {
        int port = closedPort();
        Map.Entry<Integer, String> result = runLib("ensure_kafka", Map.of("KAFKA_PORT", String.valueOf(port)));
        assertThat(result.getKey()).isEqualTo(1);
        assertThat(result.getValue().strip()).isEqualTo(
                "[ft9] ERROR: Kafka is not running on 127.0.0.1:" + port + " (FT9_NO_START=1, so not starting it)");
    }

    @Test
    void running_servers_are_reported_ready() throws Exception {
        Map.Entry<Integer, String> result = runLib("ensure_postgres && ensure_redis && ensure_kafka", Map.of());
        assertThat(result.getKey()).as(result.getValue()).isZero();
        assertThat(result.getValue()).contains("PostgreSQL ready on").contains("Redis ready on").contains("Kafka ready on");
        assertThat(Files.list(run).toList()).as("nothing started, so nothing recorded")
                .noneMatch(p -> p.getFileName().toString().equals("started-by-ft9"));
    }
}
