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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's figures (a benchmark, not a test), through the console's own address as a browser uses it:
 * 1. first load: the page and every file it names, gzipped as browsers ask, bytes and time on loopback;
 * 2. live events: N consoles follow /api/inbox/events (the same streamed fetch the page makes); signed webhooks arrive
 *    at a constant rate, each from a new patient; for every console and webhook, the time from sending the webhook to
 *    that console hearing of the new conversation. Prints p50, p99 and max, and anything never heard.
 * Usage: java ConsoleBenchmark.java <console> <app secret> <phone number id> <access token> <consoles> <per second> <seconds>
 */
public class ConsoleBenchmark {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");
    private static final Pattern CONVERSATION = Pattern.compile("\"conversationId\":\"([0-9a-f-]{36})\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String secret = args[1];
        String phone = args[2];
        String token = args[3];
        int consoles = Integer.parseInt(args[4]);
        int perSecond = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

        firstLoad(http, base);

        List<Map<String, Long>> heard = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(consoles);
        // Each console on its own connection, as separate browsers are.
        for (int i = 0; i < consoles; i++) {
            Map<String, Long> mine = new ConcurrentHashMap<>();
            heard.add(mine);
            HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            own.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/inbox/events")).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> {
                        if (response.statusCode() != 200) {
                            System.err.println("a console was refused: " + response.statusCode());
                            return;
                        }
                        connected.countDown();
                        response.body().forEach(line -> {
                            if (line.startsWith("data:")) {
                                Matcher m = CONVERSATION.matcher(line);
                                if (m.find()) {
                                    mine.putIfAbsent(m.group(1), System.nanoTime());
                                }
                            }
                        });
                    });
        }
        if (!connected.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (consoles - connected.getCount()) + " consoles connected");
        }
        Thread.sleep(1000);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        int total = perSecond * seconds;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        CountDownLatch done = new CountDownLatch(total);
        long period = 1_000_000_000L / perSecond;
        long prefix = 5_500_000_000_000L + (System.nanoTime() % 100_000_000_000L);
        for (int i = 0; i < total; i++) {
            String waId = String.valueOf(prefix + i);
            // Constant arrival rate: each webhook leaves at its own time, whether or not the last one was answered.
            clock.schedule(() -> {
                String body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"0000000\",\"changes\":[{\"field\":\"messages\","
                        + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"550000000000\","
                        + "\"phone_number_id\":\"%s\"},\"contacts\":[{\"profile\":{\"name\":\"Bench\"},\"wa_id\":\"%s\"}],\"messages\":"
                        + "[{\"from\":\"%s\",\"id\":\"wamid.bench%s\",\"timestamp\":\"%d\",\"type\":\"text\",\"text\":{\"body\":\"oi\"}}]}}]}]}")
                        .formatted(phone, waId, waId, waId, System.currentTimeMillis() / 1000);
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                String signature;
                synchronized (mac) {
                    signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes));
                }
                sentAt.put(waId, System.nanoTime());
                http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/webhooks/whatsapp")).header("Content-Type", "application/json")
                        .header("X-Hub-Signature-256", signature).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                        HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> done.countDown());
            }, i * period, TimeUnit.NANOSECONDS);
        }
        done.await(seconds + 60L, TimeUnit.SECONDS);
        Thread.sleep(3000);
        clock.shutdown();

        List<Double> delays = new ArrayList<>();
        int missed = 0;
        for (Map.Entry<String, Long> sent : sentAt.entrySet()) {
            String page = http.send(HttpRequest.newBuilder(URI.create(base + "/api/conversations?status=all&q=" + sent.getKey()))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher id = ID.matcher(page);
            if (!id.find()) {
                missed += consoles;
                continue;
            }
            String conversation = id.group(1);
            for (Map<String, Long> console : heard) {
                Long at = console.get(conversation);
                if (at == null) {
                    missed++;
                } else {
                    delays.add((at - sent.getValue()) / 1_000_000.0);
                }
            }
        }
        Collections.sort(delays);
        System.out.printf("live events: %d consoles, %d webhooks at %d/s: %d deliveries, webhook sent -> console heard p50 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms; %d never heard%n", consoles, total, perSecond, delays.size(), pct(delays, 50),
                pct(delays, 99), delays.isEmpty() ? 0 : delays.get(delays.size() - 1), missed);
        System.exit(0);
    }

    private static void firstLoad(HttpClient http, String base) throws Exception {
        long started = System.nanoTime();
        HttpResponse<byte[]> page = http.send(HttpRequest.newBuilder(URI.create(base + "/inbox")).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        long bytes = page.body().length;
        String html = text(page);
        long script = 0;
        int files = 1;
        Matcher asset = ASSET.matcher(html);
        while (asset.find()) {
            HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(base + asset.group(1))).header("Accept-Encoding", "gzip")
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            bytes += file.body().length;
            files++;
            if (asset.group(1).endsWith(".js")) {
                script += file.body().length;
            }
        }
        System.out.printf("first load: %d files, %.1f KB on the wire (gzip), of which JavaScript %.1f KB; %.1f ms on loopback%n",
                files, bytes / 1024.0, script / 1024.0, (System.nanoTime() - started) / 1_000_000.0);
    }

    private static String text(HttpResponse<byte[]> response) throws Exception {
        if (response.headers().firstValue("Content-Encoding").orElse("").contains("gzip")) {
            try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
