import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * The same automation in FT9 and in n8n, driven the same way in the same run (not a test): a webhook carrying
 * {@code {"kind": "lead", "id": N}} is checked by a condition (IF) and, when it holds, forwarded by an HTTP request to
 * this program's own sink, which notes when each id arrives. Webhooks are sent at a constant arrival rate over HTTP/1.1
 * (FT9's signed with the automation's secret, as its trigger requires); a run counts as done when its call reaches the
 * sink, and its latency runs from the webhook's due time to that arrival. CPU per run is read from /proc of the
 * processes named for each system. Compiled with WebhookRateBenchmark (its sender on Vert.x's client and its CPU reader) by
 * deploy/local/bench-automations.sh.
 * Arguments: sinkPort ratePerSecond seconds ft9Url ft9Secret n8nUrl ft9Processes n8nProcesses
 * (processes: name=pid[,pid...] joined by ';', e.g. "flow-service=123;postgresql=4,5,6")
 * Its last line is the result as JSON.
 */
public class AutomationShapeBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    /** When each id's call reached the sink (0: not yet), per system. */
    record Arrivals(AtomicLongArray at, AtomicInteger count) {
        Arrivals(int size) {
            this(new AtomicLongArray(size), new AtomicInteger());
        }
    }

    record Result(String system, int offered, int accepted, int done, double perSecond, double p50, double p99,
            java.util.Map<String, Double> cpuMs) {
        double cpuTotal() {
            return cpuMs.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        String cpuText() {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%.2f ms", cpuTotal()));
            cpuMs.forEach((name, ms) -> text.append(String.format(Locale.ROOT, "%s %s %.2f", text.indexOf("(") < 0 ? " (" : ",", name, ms)));
            return text.append(")").toString();
        }

        String json() {
            StringBuilder cpu = new StringBuilder();
            cpuMs.forEach((name, ms) -> cpu.append(cpu.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "\"%s\": %.3f", name, ms)));
            return String.format(Locale.ROOT, "{\"system\": \"%s\", \"offered\": %d, \"accepted\": %d, \"runsDone\": %d,"
                    + " \"runsPerSecond\": %.1f, \"p50Ms\": %.1f, \"p99Ms\": %.1f, \"cpuMsPerRun\": %.3f, \"cpuMsPerRunBy\": {%s}}", system,
                    offered, accepted, done, perSecond, p50, p99, cpuTotal(), cpu);
        }
    }

    public static void main(String[] args) throws Exception {
        int sinkPort = Integer.parseInt(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String ft9Url = args[3];
        String ft9Secret = args[4];
        String n8nUrl = args[5];
        int total = rate * seconds;
        // Warm-up ids come after the measured ones in the same arrays, at half the rate, so that both systems' compilers
        // have the path hot before the clock starts: at least 1,000 (200, four seconds at 50 a second, left FT9's first
        // rate, on a suite just started, behind at 74 runs/s with 13.4 ms of CPU a run; 600, at 84 runs/s; the next run,
        // warm, kept up).
        int warm = Math.max(1_000, rate * 5);
        Arrivals ft9 = new Arrivals(total + warm);
        Arrivals n8n = new Arrivals(total + warm);
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", sinkPort), 512);
        java.util.concurrent.ExecutorService sinkThreads = Executors.newFixedThreadPool(4);
        sink.setExecutor(sinkThreads);
        sink.createContext("/ft9", exchange -> arrived(exchange.getRequestBody(), ft9, exchange));
        sink.createContext("/n8n", exchange -> arrived(exchange.getRequestBody(), n8n, exchange));
        sink.start();
        WebhookRateBenchmark.Sender sender = WebhookRateBenchmark.Sender.start();
        List<Result> results = new ArrayList<>();
        try {
            results.add(run("ft9", sender, ft9, rate, total, warm, i -> ft9Request(ft9Url, ft9Secret, i), args[6]));
            results.add(run("n8n", sender, n8n, rate, total, warm, i -> n8nRequest(n8nUrl, i), args[7]));
        } finally {
            sink.stop(0);
            sinkThreads.shutdownNow();
            sender.close();
        }
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%s: offered %d/s for %d s: %d accepted, %d runs reached the sink, %.1f runs/s;"
                    + " due -> sink p50 %.0f ms, p99 %.0f ms; CPU per run %s%n", r.system(), rate, seconds, r.accepted(), r.done(),
                    r.perSecond(), r.p50(), r.p99(), r.cpuText());
        }
        double ratio = results.get(1).perSecond() > 0 ? results.get(0).perSecond() / results.get(1).perSecond() : 0;
        System.out.printf(Locale.ROOT, "FT9 / n8n: %.2f x the runs per second%n", ratio);
        System.out.printf(Locale.ROOT, "{\"offeredPerSecond\": %d, \"seconds\": %d, \"ft9\": %s, \"n8n\": %s, \"ratio\": %.2f}%n", rate,
                seconds, results.get(0).json(), results.get(1).json(), ratio);
    }

    private static void arrived(InputStream body, Arrivals arrivals, com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        Matcher m = ID.matcher(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        if (m.find()) {
            int id = Integer.parseInt(m.group(1));
            if (id < arrivals.at().length() && arrivals.at().compareAndSet(id, 0, now)) {
                arrivals.count().incrementAndGet();
            }
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    /** Sends warm-up then measured webhooks at the rate; waits (up to a minute) for their runs to reach the sink. */
    private static Result run(String system, WebhookRateBenchmark.Sender sender, Arrivals arrivals, int rate, int total, int warm,
            java.util.function.IntFunction<WebhookRateBenchmark.Outgoing> request, String pids) throws Exception {
        List<WebhookRateBenchmark.Outgoing> warmUp = new ArrayList<>();
        for (int i = total; i < total + warm; i++) {
            warmUp.add(request.apply(i));
        }
        sender.send(warmUp, Math.max(1, rate / 2));
        awaitArrivals(arrivals, warm, Duration.ofSeconds(60));
        List<WebhookRateBenchmark.Outgoing> requests = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            requests.add(request.apply(i));
        }
        List<String[]> processes = new ArrayList<>();
        for (String named : pids.split(";")) {
            String[] nameAndPids = named.split("=", 2);
            processes.add(new String[] { nameAndPids[1], nameAndPids[0] });
        }
        long[] cpuBefore = WebhookRateBenchmark.cpu(processes);
        long start = System.nanoTime();
        WebhookRateBenchmark.Sent sent = sender.send(requests, rate);
        awaitArrivals(arrivals, warm + total, Duration.ofSeconds(60));
        long[] cpuAfter = WebhookRateBenchmark.cpu(processes);
        double interval = 1e9 / rate;
        long last = start;
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            long at = arrivals.at().get(i);
            if (at != 0) {
                latencies.add((at - (start + (long) (i * interval))) / 1000);
                last = Math.max(last, at);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int done = sorted.length;
        double window = Math.max(1e-3, (last - start) / 1e9);
        java.util.Map<String, Double> cpuMs = new java.util.LinkedHashMap<>();
        for (int i = 0; i < processes.size(); i++) {
            cpuMs.put(processes.get(i)[1], (cpuAfter[i] - cpuBefore[i]) * 10.0 / Math.max(1, done)); // clock ticks of 1/100 s
        }
        return new Result(system, total, sent.ok().get(), done, done / window, done == 0 ? 0 : WebhookRateBenchmark.pct(sorted, 50),
                done == 0 ? 0 : WebhookRateBenchmark.pct(sorted, 99), cpuMs);
    }

    private static void awaitArrivals(Arrivals arrivals, int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = -1;
        long quietSince = System.nanoTime();
        while (arrivals.count().get() < expected && System.nanoTime() < deadline) {
            int now = arrivals.count().get();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 15_000_000_000L) {
                return; // nothing arrived for 15 s: the rest is lost or stuck, and the figures say so
            }
            Thread.sleep(50);
        }
    }

    private static String body(int id) {
        return "{\"kind\":\"lead\",\"id\":" + id + ",\"name\":\"Bench " + id + "\"}";
    }

    private static WebhookRateBenchmark.Outgoing ft9Request(String url, String secret, int id) {
        try {
            byte[] bytes = body(id).getBytes(StandardCharsets.UTF_8);
            long t = System.currentTimeMillis() / 1000;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            String signature = "t=" + t + ",sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes));
            return WebhookRateBenchmark.Outgoing.post(url, bytes, "X-FT9-Signature", signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebhookRateBenchmark.Outgoing n8nRequest(String url, int id) {
        return WebhookRateBenchmark.Outgoing.post(url, body(id).getBytes(StandardCharsets.UTF_8));
    }
}
