package br.ft9.common.testing;

import org.awaitility.Awaitility;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic of the real broker from "now" on, so that a test can wait for the record its own
 * action produced and look at its CloudEvent headers.
 */
public final class KafkaProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> unmatched = new java.util.ArrayList<>();

    private KafkaProbe(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "ft9-test-probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "true");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.partitionsFor(topic).isEmpty());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixes "now" before the test acts
    }

    /** Starts reading the topic at its current end. */
    public static KafkaProbe tail(String topic) {
        return new KafkaProbe(topic);
    }

    public static String bootstrapServers() {
        String servers = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        return servers == null || servers.isBlank() ? "127.0.0.1:9092" : servers;
    }

    /**
     * Waits for the next record that matches, failing after the timeout. Records read but not yet
     * matched are kept for the next call, so several awaited records may arrive in one poll.
     */
    public ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                unmatched.add(record);
            }
            for (var it = unmatched.iterator(); it.hasNext();) {
                ConsumerRecord<String, String> record = it.next();
                if (match.test(record)) {
                    it.remove();
                    found.set(record);
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    /** A header's value as text, if present. */
    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    /** The CloudEvents binary-mode attributes of a record. */
    public static Map<String, String> cloudEvent(ConsumerRecord<?, ?> record) {
        return Map.of(
                "id", header(record, "ce_id").orElse(""),
                "type", header(record, "ce_type").orElse(""),
                "source", header(record, "ce_source").orElse(""),
                "subject", header(record, "ce_subject").orElse(""),
                "specversion", header(record, "ce_specversion").orElse(""));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
