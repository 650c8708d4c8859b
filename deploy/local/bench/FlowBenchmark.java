import java.net.URI;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Trigger-to-action benchmark of flow-service (not a test): an ACTIVE message_received automation answers a keyword;
 * contacts' messages are published on ft9.whatsapp.inbound as whatsapp-gateway would, and the automation's send
 * commands are read back from ft9.whatsapp.outbound. An optional warm-up burst (-Dwarmup=N, not counted), then a burst of
 * N messages (the runs/s the service sustains), then constant arrival rates (-Drates=250,500 -Dseconds=10: runs/s and
 * p50/p99 from each message's planned time). Run by deploy/local/bench-flow.sh.
 * Arguments: flowBaseUrl bootstrap privateKeyBase64 keyId orgId messages
 */
public class FlowBenchmark {

    public static void main(String[] args) throws Exception {
        String flow = args[0];
        String bootstrap = args[1];
        String token = token(args[2], args[3], args[4]);
        String orgId = args[4];
        int messages = Integer.parseInt(args[5]);
        String keyword = "bench" + UUID.randomUUID().toString().substring(0, 8);

        HttpClient http = HttpClient.newHttpClient();
        String definition = "{\"trigger\":{\"type\":\"message_received\",\"match\":\"keyword\",\"keywords\":[\"" + keyword + "\"]},"
                + "\"steps\":[{\"type\":\"send_whatsapp\",\"text\":\"Olá {{contact.name}}, recebemos: {{trigger.text}}\"}]}";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(flow + "/api/automations"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Benchmark\",\"status\":\"ACTIVE\",\"definition\":" + definition + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("could not create the automation: " + created.statusCode() + " " + created.body());
        }

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "flow-bench-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer());
                KafkaProducer<String, String> producer = producer(bootstrap);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            consumer.subscribe(List.of("ft9.whatsapp.outbound"));
            long ready = System.currentTimeMillis() + 10_000;
            while (consumer.assignment().isEmpty() && System.currentTimeMillis() < ready) {
                consumer.poll(Duration.ofMillis(200));
            }
            // "latest" is resolved lazily, at a later poll: commands published before that would be skipped (counted as
            // never sent). Asking each partition's position resolves the end offsets now, before the first message.
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            Phase phase = new Phase(producer, consumer, orgId, keyword);

            // Before each phase the whole suite catches up (see settle), and the time the rest of the suite (the assistant,
            // billing, the gateway's sends) needed after a phase's last command is printed with it: a rate flow-service
            // keeps up with while the rest falls behind is not sustained. It is read from committed offsets, which the
            // services commit every 5 s (Kafka's auto.commit.interval.ms): up to 5 s of it is that interval.
            settle(admin);
            int warmup = Integer.getInteger("warmup", 0);
            if (warmup > 0) {
                // Not counted: in a fresh suite the optimising compiler has not seen this path yet.
                Result warm = phase.run(1, warmup, 0, 0);
                System.out.printf("warm-up: %d messages, %d send commands (not counted); the rest of the suite's offsets caught up"
                        + " %.1f s after%n",
                        warmup, warm.commands(), settle(admin));
            }

            // A burst: every message published at once; the time to the last command is what flow-service can sustain.
            Result burst = phase.run(2, messages, 0, 0);
            double burstBehind = settle(admin);
            System.out.printf("messages %d, send commands %d%n", messages, burst.commands());
            System.out.printf("throughput %.0f automations run/s (publish of the first message to the last command, %.1f s;"
                    + " the rest of the suite's offsets caught up %.1f s after)%n", burst.commands() / burst.seconds(), burst.seconds(), burstBehind);
            if (burst.commands() > 0) {
                System.out.printf("trigger-to-action latency p50 %.0f ms, p99 %.0f ms, max %.0f ms (a burst: mostly queueing)%n",
                        burst.pct(50), burst.pct(99), burst.max());
            }
            StringBuilder record = new StringBuilder("{\"burst\": ").append(burst.json(messages, 0, burstBehind)).append(", \"atRates\": [");

            // Constant arrival rates (an open loop: each message leaves at its planned time whatever the answers do, and its
            // latency counts from that planned time, so a stall is not hidden).
            int seconds = Integer.getInteger("seconds", 10);
            String rates = System.getProperty("rates", "");
            int phaseNumber = 3;
            for (String rate : rates.isBlank() ? new String[0] : rates.split(",")) {
                int perSecond = Integer.parseInt(rate.trim());
                Result at = phase.run(phaseNumber++, perSecond * seconds, perSecond, seconds);
                double behind = settle(admin);
                System.out.printf("at %d/s offered for %d s: %d of %d send commands, %.0f runs/s, p50 %.0f ms, p99 %.0f ms, max %.0f ms;"
                        + " the rest of the suite's offsets caught up %.1f s after%n", perSecond, seconds, at.commands(), perSecond * seconds,
                        at.commands() / at.seconds(), at.pct(50), at.pct(99), at.max(), behind);
                record.append(phaseNumber > 4 ? ", " : "").append(at.json(perSecond * seconds, perSecond, behind));
            }
            System.out.println(record.append("]}"));
        }
    }

    /**
     * Waits until every consumer group reading the inbound and outbound topics has caught up (the assistant, billing, the
     * gateway's sends), so that a phase does not pay for the backlog of the one before; returns the seconds it took.
     */
    private static double settle(Admin admin) throws Exception {
        long started = System.nanoTime();
        long deadline = started + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            long behind = 0;
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (String topic : List.of("ft9.whatsapp.inbound", "ft9.whatsapp.outbound")) {
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            // The running services' groups only: a group with no member left (an earlier run's) never catches up.
            List<String> groups = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .filter(id -> !id.startsWith("flow-bench-")).toList();
            List<String> live = admin.describeConsumerGroups(groups).all().get().values().stream()
                    .filter(group -> !group.members().isEmpty()).map(group -> group.groupId()).toList();
            for (String group : live) {
                for (Map.Entry<TopicPartition, OffsetAndMetadata> committed
                        : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()) {
                    ListOffsetsResult.ListOffsetsResultInfo end = ends.get(committed.getKey());
                    if (end != null && committed.getValue() != null) {
                        behind += Math.max(0, end.offset() - committed.getValue().offset());
                    }
                }
            }
            if (behind == 0) {
                return (System.nanoTime() - started) / 1e9;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the suite's consumers did not catch up within 300 s");
    }

    /** Publishes one phase's messages (new contacts each phase) and reads their send commands back. */
    private record Phase(KafkaProducer<String, String> producer, KafkaConsumer<String, String> consumer, String orgId,
            String keyword) {

        /** perSecond 0: all at once. Returns once every command arrived, or 120 s after the last message left. */
        Result run(int number, int messages, int perSecond, int seconds) throws InterruptedException {
            Map<String, Long> plannedAt = new ConcurrentHashMap<>();
            List<Long> latencies = new ArrayList<>();
            long started = System.nanoTime();
            Thread publisher = new Thread(() -> {
                for (int i = 0; i < messages; i++) {
                    long planned = perSecond == 0 ? System.nanoTime() : started + (long) (i * 1e9 / perSecond);
                    while (perSecond > 0 && System.nanoTime() < planned) {
                        java.util.concurrent.locks.LockSupport.parkNanos(Math.min(planned - System.nanoTime(), 500_000));
                    }
                    String waId = "559" + number + String.format("%08d", i);
                    plannedAt.put(waId, planned);
                    producer.send(record(waId, i));
                }
                producer.flush();
            });
            publisher.start();
            long deadline = Long.MAX_VALUE;
            long last = started;
            while (latencies.size() < messages && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    if (r.value().contains(keyword)) {
                        Long planned = plannedAt.remove(r.key().substring(r.key().indexOf(':') + 1));
                        if (planned != null) {
                            last = System.nanoTime();
                            latencies.add(last - planned);
                        }
                    }
                }
                if (!publisher.isAlive() && deadline == Long.MAX_VALUE) {
                    deadline = System.nanoTime() + 120_000_000_000L;
                }
            }
            publisher.join();
            Collections.sort(latencies);
            return new Result(latencies, Math.max(1e-3, (last - started) / 1e9));
        }

        private ProducerRecord<String, String> record(String waId, int i) {
            String json = ("{\"orgId\":\"%s\",\"messageId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"%s\",\"profileName\":\"Bench %d\","
                    + "\"type\":\"text\",\"text\":\"%s %d\",\"waMessageId\":\"wamid.bench%s\",\"sentAt\":\"%s\","
                    + "\"conversationId\":\"%s\",\"conversationMode\":\"BOT\"}").formatted(orgId, UUID.randomUUID(), seeded(waId),
                    waId, i, keyword, i, UUID.randomUUID(), OffsetDateTime.now(), seeded("conversation" + waId));
            ProducerRecord<String, String> record = new ProducerRecord<>("ft9.whatsapp.inbound", orgId + ":" + waId, json);
            record.headers().add("ce_specversion", b("1.0")).add("ce_id", b(UUID.randomUUID().toString()))
                    .add("ce_type", b("ft9.whatsapp.message.received.v1")).add("ce_source", b("flow-benchmark"))
                    .add("ce_subject", b(orgId)).add("content-type", b("application/json"));
            return record;
        }
    }

    /**
     * The id bench-flow.sh gave a contact, or its open conversation, in the gateway (PostgreSQL's {@code md5(text)::uuid}),
     * so that the gateway sends the automation's reply as it would to a contact who wrote.
     */
    static UUID seeded(String text) {
        try {
            String hex = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
            return UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A phase's latencies (sorted, ns) and its length from the first message to the last command. */
    private record Result(List<Long> latencies, double seconds) {
        int commands() {
            return latencies.size();
        }

        double pct(int p) {
            return latencies.isEmpty() ? Double.NaN : FlowBenchmark.pct(latencies, p);
        }

        double max() {
            return latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1) / 1e6;
        }

        String json(int messages, int offeredPerSecond, double suiteCaughtUpSeconds) {
            return String.format(java.util.Locale.ROOT, "{\"messages\": %d, \"offeredPerSecond\": %d, \"sendCommands\": %d,"
                    + " \"runsPerSecond\": %.0f, \"p50Ms\": %s, \"p99Ms\": %s, \"suiteCaughtUpSeconds\": %.1f}", messages, offeredPerSecond, commands(),
                    commands() / seconds(), number(pct(50)), number(pct(99)), suiteCaughtUpSeconds);
        }

        private static String number(double value) {
            return Double.isNaN(value) ? "null" : String.format(java.util.Locale.ROOT, "%.0f", value);
        }
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** An ORG_ADMIN access token of the benchmark's organisation, signed with the local suite's key. */
    private static String token(String privateKeyBase64, String keyId, String orgId) throws Exception {
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKeyBase64)));
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}";
        String claims = ("{\"iss\":\"https://auth.ft9.com.br\",\"aud\":\"ft9-platform\",\"sub\":\"%s\",\"org_id\":\"%s\",\"groups\":[\"ORG_ADMIN\"],"
                + "\"jti\":\"%s\",\"iat\":%d,\"exp\":%d}").formatted(UUID.randomUUID(), orgId, UUID.randomUUID(), now, now + 900);
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String signingInput = url.encodeToString(b(header)) + "." + url.encodeToString(b(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(b(signingInput));
        return signingInput + "." + url.encodeToString(rsa.sign());
    }
}
