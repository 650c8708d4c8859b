import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends signed WhatsApp webhook notifications (one text message each, Meta's payload shape) to a
 * running whatsapp-gateway and prints accepted requests per second and latency percentiles.
 * Run by deploy/local/bench-webhook.sh; a single-file program, JDK only.
 * Arguments: baseUrl appSecret phoneNumberId requests concurrency [text [contactPrefix]]
 * Its last line is the result as JSON, for deploy/local/bench.sh.
 */
public class WebhookBenchmark {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String secret = args[1];
        String phoneNumberId = args[2];
        int requests = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        String text = args.length > 5 ? args[5] : "Qual o horário de atendimento?";
        String prefix = args.length > 6 ? args[6] : "55119";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        // Warm-up: the JIT and the connection pools, not counted.
        run(http, mac, base, phoneNumberId, Math.min(200, requests / 5), concurrency, text, prefix);
        long start = System.nanoTime();
        Result result = run(http, mac, base, phoneNumberId, requests, concurrency, text, prefix);
        double seconds = (System.nanoTime() - start) / 1e9;

        List<Long> latencies = result.latenciesMicros;
        Collections.sort(latencies);
        System.out.printf("requests %d, concurrency %d, accepted (200) %d, other %d%n", requests, concurrency,
                result.ok.get(), result.failed.get());
        System.out.printf("throughput %.0f accepted webhooks/s over %.1f s%n", result.ok.get() / seconds, seconds);
        System.out.printf("latency p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", percentile(latencies, 50) / 1000.0,
                percentile(latencies, 99) / 1000.0, percentile(latencies, 99.9) / 1000.0, latencies.get(latencies.size() - 1) / 1000.0);
        System.out.printf(java.util.Locale.ROOT, "{\"concurrency\": %d, \"requests\": %d, \"accepted\": %d, \"perSecond\": %.0f,"
                + " \"p50Ms\": %.1f, \"p99Ms\": %.1f, \"p999Ms\": %.1f}%n", concurrency, requests, result.ok.get(),
                result.ok.get() / seconds, percentile(latencies, 50) / 1000.0, percentile(latencies, 99) / 1000.0,
                percentile(latencies, 99.9) / 1000.0);
    }

    record Result(AtomicInteger ok, AtomicInteger failed, List<Long> latenciesMicros) {
    }

    static Result run(HttpClient http, Mac mac, String base, String phoneNumberId, int requests, int concurrency, String text,
            String prefix) throws Exception {
        Semaphore slots = new Semaphore(concurrency);
        Result result = new Result(new AtomicInteger(), new AtomicInteger(), Collections.synchronizedList(new ArrayList<>()));
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String from = prefix + String.format("%08d", i % 500);
            String body = """
                    {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{\
                    "messaging_product":"whatsapp","metadata":{"display_phone_number":"5511333344444","phone_number_id":"%s"},\
                    "contacts":[{"profile":{"name":"Paciente %d"},"wa_id":"%s"}],\
                    "messages":[{"from":"%s","id":"wamid.BENCH%s","timestamp":"%d","type":"text",\
                    "text":{"body":"%s"}}]},"field":"messages"}]}]}"""
                    .formatted(phoneNumberId, i, from, from, UUID.randomUUID().toString().replace("-", ""),
                            System.currentTimeMillis() / 1000, text);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String signature;
            synchronized (mac) {
                signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes));
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/webhooks/whatsapp"))
                    .header("Content-Type", "application/json").header("X-Hub-Signature-256", signature)
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            slots.acquire();
            long sent = System.nanoTime();
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                result.latenciesMicros.add((System.nanoTime() - sent) / 1000);
                if (error == null && response.statusCode() == 200) {
                    result.ok.incrementAndGet();
                } else {
                    result.failed.incrementAndGet();
                }
                slots.release();
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        return result;
    }

    static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
