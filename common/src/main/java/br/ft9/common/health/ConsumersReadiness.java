package br.ft9.common.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;

/**
 * Readiness of the service's own Kafka consumers: each must still answer on its polling thread. A consumer that died
 * (its polling thread gone, or closed after a fatal error) takes nothing more from its topic, so the service is not
 * ready and Kubernetes restarts it, instead of reporting UP while no organisation's message is answered.
 */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {

    static final String NAME = "Kafka consumers";

    private final KafkaClientService kafka;
    private final Duration timeout;

    public ConsumersReadiness(KafkaClientService kafka,
            @ConfigProperty(name = "ft9.health.consumer-timeout", defaultValue = "PT2S") Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder answer = HealthCheckResponse.named(NAME).up();
        for (String channel : kafka.getConsumerChannels()) {
            int i = 0;
            for (KafkaConsumer<Object, Object> consumer : kafka.<Object, Object>getConsumers(channel)) {
                String name = channel + (i++ == 0 ? "" : "-" + i);
                try {
                    int partitions = consumer.getAssignments().await().atMost(timeout).size();
                    answer.withData(name, partitions + " partitions");
                } catch (RuntimeException e) {
                    answer.down().withData(name, "does not answer: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getMessage()));
                }
            }
        }
        return answer.build();
    }
}
