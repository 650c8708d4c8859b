package br.ft9.common.testing;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes binary-mode CloudEvents to the real broker, as another service's outbox relay would. */
public final class CloudEventSender implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public CloudEventSender() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaProbe.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** One event for {@link #sendAtOnce}. */
    public record Event(String key, String id, String type, String source, String subject, String json) {
    }

    /** Sends one event and waits for the broker's acknowledgement. */
    public void send(String topic, String key, String id, String type, String source, String subject, String json) {
        sendAtOnce(topic, java.util.List.of(new Event(key, id, type, source, subject, json)));
    }

    /**
     * Sends events without waiting between them (so the producer batches them, and a consumer most likely polls them
     * together), then waits for the broker's acknowledgement of all.
     */
    public void sendAtOnce(String topic, java.util.List<Event> events) {
        java.util.List<java.util.concurrent.Future<?>> sent = events.stream()
                .<java.util.concurrent.Future<?>>map(event -> producer.send(record(topic, event))).toList();
        producer.flush();
        for (java.util.concurrent.Future<?> each : sent) {
            try {
                each.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka refused the test event", e.getCause());
            }
        }
    }

    private static ProducerRecord<String, String> record(String topic, Event event) {
        String key = event.key(), id = event.id(), type = event.type(), source = event.source(), subject = event.subject();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, event.json());
        record.headers()
                .add("ce_specversion", bytes("1.0"))
                .add("ce_id", bytes(id))
                .add("ce_type", bytes(type))
                .add("ce_source", bytes(source))
                .add("ce_subject", bytes(subject))
                .add("ce_time", bytes(OffsetDateTime.now(ZoneOffset.UTC).toString()))
                .add("content-type", bytes("application/json"));
        return record;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
