package br.ft9.common.health;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the Kafka broker, answered within a bounded time. Quarkus's own check waits on the
 * admin client's default API timeout (about a minute) when the broker is down, longer than any probe.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    static final String NAME = "Kafka connection health check";

    private final Admin admin;
    private final String servers;
    private final long timeoutMs;

    public KafkaReadiness(@ConfigProperty(name = "kafka.bootstrap.servers") String servers,
            @ConfigProperty(name = "ft9.health.kafka-timeout-ms", defaultValue = "3000") long timeoutMs) {
        this.servers = servers;
        this.timeoutMs = timeoutMs;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                AdminClientConfig.CLIENT_ID_CONFIG, "ft9-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs));
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs)).nodes()
                    .get(timeoutMs + 500, TimeUnit.MILLISECONDS).stream()
                    .map(node -> node.host() + ":" + node.port()).collect(Collectors.joining(","));
            return HealthCheckResponse.named(NAME).up().withData("nodes", nodes).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return HealthCheckResponse.named(NAME).down().withData("bootstrap", servers)
                    .withData("reason", "Kafka did not answer within " + timeoutMs + " ms").build();
        }
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
