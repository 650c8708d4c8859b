import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Closed-loop webhook load: signed WhatsApp webhooks (one text message each, Meta's payload shape) sent by N clients
 * that each wait for their answer before sending the next, to a running whatsapp-gateway; prints accepted requests per
 * second and latency percentiles. Sent with the open-loop generator's {@link WebhookRateBenchmark.Sender} (Vert.x, one
 * event loop, HTTP/1.1 keep-alive connections; the JDK's client spent about 2 ms of CPU a request, as much as the
 * gateway), every body built and signed before the clock starts; compiled with it by lib.sh's bench_generators.
 * Arguments: baseUrl appSecret phoneNumberId requests concurrency [text [contactPrefix]]
 * Its last line is the result as JSON, for deploy/local/bench.sh.
 */
public class WebhookBenchmark {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(args[1].getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String phoneNumberId = args[2];
        int requests = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        String text = args.length > 5 ? args[5] : "Qual o horário de atendimento?";
        String prefix = args.length > 6 ? args[6] : "55119";
        WebhookRateBenchmark.Sender sender = WebhookRateBenchmark.Sender.start();

        // Warm-up: the JIT and the connections, not counted.
        sender.sendClosed(WebhookRateBenchmark.signed(mac, base, phoneNumberId, Math.min(200, requests / 5), prefix, text), concurrency);
        List<WebhookRateBenchmark.Outgoing> signed = WebhookRateBenchmark.signed(mac, base, phoneNumberId, requests, prefix, text);
        long generatorBefore = WebhookRateBenchmark.generatorCpuNanos();
        long start = System.nanoTime();
        WebhookRateBenchmark.Sent sent = sender.sendClosed(signed, concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        double generatorMs = (WebhookRateBenchmark.generatorCpuNanos() - generatorBefore) / 1e6 / Math.max(1, requests);
        sender.close();

        long[] latencies = sent.acceptedLatencies();
        int ok = sent.ok().get();
        System.out.printf(Locale.ROOT, "requests %d, concurrency %d, accepted (200) %d, other %d %s%n", requests, concurrency, ok,
                sent.failed().get(), new TreeMap<>(sent.otherBy()));
        System.out.printf(Locale.ROOT, "throughput %.0f accepted webhooks/s over %.1f s%n", ok / seconds, seconds);
        System.out.printf(Locale.ROOT, "latency p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", WebhookRateBenchmark.pct(latencies, 50),
                WebhookRateBenchmark.pct(latencies, 99), WebhookRateBenchmark.pct(latencies, 99.9), latencies[latencies.length - 1] / 1000.0);
        System.out.printf(Locale.ROOT, "CPU per webhook sent, this load generator: %.3f ms%n", generatorMs);
        System.out.printf(Locale.ROOT, "{\"concurrency\": %d, \"requests\": %d, \"accepted\": %d, \"perSecond\": %.0f, \"p50Ms\": %.1f,"
                + " \"p99Ms\": %.1f, \"p999Ms\": %.1f, \"generatorCpuMsPerSent\": %.3f}%n", concurrency, requests, ok, ok / seconds,
                WebhookRateBenchmark.pct(latencies, 50), WebhookRateBenchmark.pct(latencies, 99), WebhookRateBenchmark.pct(latencies, 99.9),
                generatorMs);
    }
}
