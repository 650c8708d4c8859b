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

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Trigger-to-action benchmark of flow-service (not a test): an ACTIVE message_received automation answers a keyword;
 * N contacts' messages are published on ft9.whatsapp.inbound as whatsapp-gateway would, and the automation's send
 * commands are read back from ft9.whatsapp.outbound. Prints throughput and the p50/p99 latency from publish to command.
 * Run by deploy/local/bench-flow.sh. Arguments: flowBaseUrl bootstrap privateKeyBase64 keyId orgId messages
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
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer());
                KafkaProducer<String, String> producer = producer(bootstrap)) {
            consumer.subscribe(List.of("ft9.whatsapp.outbound"));
            long ready = System.currentTimeMillis() + 10_000;
            while (consumer.assignment().isEmpty() && System.currentTimeMillis() < ready) {
                consumer.poll(Duration.ofMillis(200));
            }
            // "latest" is resolved lazily, at a later poll: commands published before that would be skipped (counted as
            // never sent). Asking each partition's position resolves the end offsets now, before the first message.
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            long started = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                String waId = "55999" + String.format("%08d", i);
                String json = ("{\"orgId\":\"%s\",\"messageId\":\"%s\",\"contactId\":\"%s\",\"waId\":\"%s\",\"profileName\":\"Bench %d\","
                        + "\"type\":\"text\",\"text\":\"%s %d\",\"waMessageId\":\"wamid.bench%s\",\"sentAt\":\"%s\","
                        + "\"conversationId\":\"%s\",\"conversationMode\":\"BOT\"}").formatted(orgId, UUID.randomUUID(), UUID.randomUUID(),
                        waId, i, keyword, i, UUID.randomUUID(), OffsetDateTime.now(), UUID.randomUUID());
                ProducerRecord<String, String> record = new ProducerRecord<>("ft9.whatsapp.inbound", orgId + ":" + waId, json);
                record.headers().add("ce_specversion", b("1.0")).add("ce_id", b(UUID.randomUUID().toString()))
                        .add("ce_type", b("ft9.whatsapp.message.received.v1")).add("ce_source", b("flow-benchmark"))
                        .add("ce_subject", b(orgId)).add("content-type", b("application/json"));
                sentAt.put(waId, System.nanoTime());
                producer.send(record);
            }
            producer.flush();
            long deadline = System.currentTimeMillis() + 120_000;
            while (latencies.size() < messages && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value().contains(keyword)) {
                        String waId = r.key().substring(r.key().indexOf(':') + 1);
                        Long sent = sentAt.remove(waId);
                        if (sent != null) {
                            latencies.add(System.nanoTime() - sent);
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("messages %d, send commands %d%n", messages, sorted.size());
            System.out.printf("throughput %.0f automations run/s (publish of the first message to the last command, %.1f s)%n",
                    sorted.size() / seconds, seconds);
            if (!sorted.isEmpty()) {
                System.out.printf("trigger-to-action latency p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", pct(sorted, 50), pct(sorted, 99),
                        sorted.get(sorted.size() - 1) / 1e6);
            }
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
