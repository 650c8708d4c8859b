import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Open-loop webhook load: signed WhatsApp webhooks sent at a constant arrival rate, whatever the answers' pace (a
 * closed loop of N clients measures its own queue, not the server), over HTTP/1.1 connections of their own (not one
 * multiplexed HTTP/2 connection). Every body is built and signed before the clock starts. Each latency is counted from
 * the moment the request was due, so a stall delays every request behind it in the figures too (no coordinated
 * omission). CPU per accepted webhook is read from the processes' own accounting (/proc/PID/stat) of the pids given.
 * Sent with Vert.x's HTTP client (Netty, one event loop, a pool of keep-alive connections, -Dconnections=N, 128 by
 * default; what the pool cannot take at once waits in the client, its wait counted): the JDK's client spent about 2 ms
 * of CPU a request here, as much as the suite it measures. Run by deploy/local/bench-webhook.sh --rate and bench.sh,
 * compiled with the other generators by lib.sh's bench_generators (Vert.x from whatsapp-gateway's packaged libraries).
 * Arguments: baseUrl appSecret phoneNumberId ratePerSecond seconds [pid=name ...]; -Dwarmup=S first sends S seconds at the
 * full rate, not counted (the gateway's JIT is still compiling for minutes after a start: the steady state needs it).
 * Its last line is the result as JSON, for deploy/local/bench.sh.
 */
public class WebhookRateBenchmark {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(args[1].getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String phoneNumberId = args[2];
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        List<String[]> processes = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            processes.add(args[i].split("=", 2));
        }
        Sender sender = Sender.start();

        // Warm-up, not counted: by default two seconds at a tenth of the rate (connections opened); -Dwarmup=S seconds at
        // the full rate reach the steady state (the JIT compiling, and its CPU, mostly behind).
        int warmup = Integer.getInteger("warmup", 0);
        if (warmup > 0) {
            System.out.printf(Locale.ROOT, "warm-up: %d/s for %d s, not counted%n", rate, warmup);
            sender.send(signed(mac, base, phoneNumberId, rate * warmup), rate);
        } else {
            sender.send(signed(mac, base, phoneNumberId, Math.max(1, rate / 5)), Math.max(1, rate / 10));
        }
        List<Outgoing> requests = signed(mac, base, phoneNumberId, rate * seconds);
        long[] cpuBefore = cpu(processes);
        long generatorBefore = generatorCpuNanos();
        List<Map<String, Long>> jitBefore = jit(processes);
        long wallStart = System.nanoTime();
        Sent sent = sender.send(requests, rate);
        double wall = (System.nanoTime() - wallStart) / 1e9;
        long[] cpuAfter = cpu(processes);
        double generatorMs = (generatorCpuNanos() - generatorBefore) / 1e6 / requests.size();
        List<Map<String, Long>> jitAfter = jit(processes);

        long[] latencies = sent.acceptedLatencies();
        System.out.printf(Locale.ROOT, "offered %d/s for %d s: %d sent, %d accepted (200), %d other %s; %.0f accepted/s%n", rate, seconds,
                requests.size(), sent.ok().get(), sent.failed().get(), new TreeMap<>(sent.otherBy()), sent.ok().get() / wall);
        System.out.printf(Locale.ROOT, "latency of the accepted from the due time: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                pct(latencies, 50), pct(latencies, 99), pct(latencies, 99.9), latencies[latencies.length - 1] / 1000.0);
        StringBuilder cpuJson = new StringBuilder();
        StringBuilder jitJson = new StringBuilder();
        for (int i = 0; i < processes.size(); i++) {
            double ms = (cpuAfter[i] - cpuBefore[i]) * 1000.0 / 100 / Math.max(1, sent.ok().get()); // clock ticks of 1/100 s
            String name = processes.get(i)[1];
            cpuJson.append(i == 0 ? "" : ", ").append('"').append(name).append("\": ").append(String.format(Locale.ROOT, "%.3f", ms));
            if (jitAfter.get(i).isEmpty()) {
                System.out.printf(Locale.ROOT, "CPU per accepted webhook, %s: %.3f ms%n", name, ms);
                continue;
            }
            long jitTicks = 0;
            for (Map.Entry<String, Long> thread : jitAfter.get(i).entrySet()) {
                jitTicks += thread.getValue() - jitBefore.get(i).getOrDefault(thread.getKey(), 0L);
            }
            double jitMs = jitTicks * 1000.0 / 100 / Math.max(1, sent.ok().get());
            System.out.printf(Locale.ROOT, "CPU per accepted webhook, %s: %.3f ms, of which the JIT compiler %.3f ms%n", name, ms, jitMs);
            jitJson.append(jitJson.isEmpty() ? "" : ", ").append('"').append(name).append("\": ").append(String.format(Locale.ROOT, "%.3f", jitMs));
        }
        // the generator shares the 2 cores with what it measures: its own CPU says how much of them it took
        System.out.printf(Locale.ROOT, "CPU per webhook sent, this load generator: %.3f ms%n", generatorMs);
        System.out.printf(Locale.ROOT, "{\"offeredPerSecond\": %d, \"seconds\": %d, \"warmupSeconds\": %d, \"accepted\": %d,"
                + " \"other\": %d, \"otherBy\": {%s}, \"acceptedPerSecond\": %.0f, \"p50Ms\": %.1f, \"p99Ms\": %.1f, \"p999Ms\": %.1f,"
                + " \"cpuMsPerWebhook\": {%s}, \"jitCompilerMsPerWebhook\": {%s}, \"generatorCpuMsPerSent\": %.3f}%n", rate, seconds, warmup, sent.ok().get(),
                sent.failed().get(), otherJson(sent.otherBy()), sent.ok().get() / wall, pct(latencies, 50), pct(latencies, 99), pct(latencies, 99.9), cpuJson,
                jitJson, generatorMs);
        sender.close();
    }

    /** This JVM's own CPU time so far, user and system, every thread. */
    static long generatorCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String otherJson(Map<String, Integer> otherBy) {
        return new TreeMap<>(otherBy).entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The answers: accepted, the rest counted by status or by the client's error (a 503 is shed, a timeout is not). */
    record Sent(AtomicInteger ok, AtomicInteger failed, long[] latenciesMicros, Map<String, Integer> otherBy) {

        static Sent of(int requests) {
            return new Sent(new AtomicInteger(), new AtomicInteger(), new long[requests], new ConcurrentHashMap<>());
        }

        /** The accepted requests' latencies, sorted ({0} when none was): a quick 503 is not a stored webhook. */
        long[] acceptedLatencies() {
            long[] latencies = Arrays.stream(latenciesMicros).filter(l -> l >= 0).sorted().toArray();
            return latencies.length == 0 ? new long[] {0} : latencies;
        }

        void other(String what) {
            failed.incrementAndGet();
            otherBy.merge(what, 1, Integer::sum);
        }

        /** The answer to request {@code at}, sent (or due) at {@code from}: a 2xx is accepted, its latency kept; else -1. */
        void record(int at, long from, io.vertx.core.AsyncResult<Integer> answer) {
            if (answer.succeeded() && answer.result() / 100 == 2) {
                latenciesMicros[at] = (System.nanoTime() - from) / 1000;
                ok.incrementAndGet();
            } else {
                latenciesMicros[at] = -1;
                other(answer.succeeded() ? String.valueOf(answer.result()) : answer.cause().getClass().getSimpleName());
            }
        }
    }

    /** A POST made before the clock starts: where it goes, its headers (pairs of name and value) and its JSON body. */
    record Outgoing(RequestOptions options, Buffer body) {
        static Outgoing post(String url, byte[] body, String... headers) {
            // the wait for one of the pool's connections is part of the latency, not a failure: only a silent server fails
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url).setConnectTimeout(600_000)
                    .setIdleTimeout(30_000).putHeader("Content-Type", "application/json");
            for (int i = 0; i < headers.length; i += 2) {
                options.putHeader(headers[i], headers[i + 1]);
            }
            return new Outgoing(options, Buffer.buffer(body));
        }
    }


    /** Webhook bodies of one text message each from 500 patients, Meta's payload shape, signed. */
    static List<Outgoing> signed(Mac mac, String base, String phoneNumberId, int count) {
        return signed(mac, base, phoneNumberId, count, "55118", "Qual o horário de atendimento?");
    }

    /** The same, from the 500 numbers starting with {@code prefix}, each message's text {@code text} (plain, no quotes). */
    static List<Outgoing> signed(Mac mac, String base, String phoneNumberId, int count, String prefix, String text) {
        List<Outgoing> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String from = prefix + String.format("%08d", i % 500);
            String body = """
                    {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{\
                    "messaging_product":"whatsapp","metadata":{"display_phone_number":"5511333344444","phone_number_id":"%s"},\
                    "contacts":[{"profile":{"name":"Paciente %d"},"wa_id":"%s"}],\
                    "messages":[{"from":"%s","id":"wamid.RATE%s","timestamp":"%d","type":"text",\
                    "text":{"body":"%s"}}]},"field":"messages"}]}]}"""
                    .formatted(phoneNumberId, i, from, from, UUID.randomUUID().toString().replace("-", ""), System.currentTimeMillis() / 1000, text);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            requests.add(Outgoing.post(base + "/webhooks/whatsapp", bytes, "X-Hub-Signature-256",
                    "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes))));
        }
        return requests;
    }

    /**
     * The generators' sender: one Vert.x event loop and its HTTP/1.1 client, keep-alive, a pool of -Dconnections=N
     * connections a server (128 by default).
     */
    record Sender(Vertx vertx, HttpClient http) {
        static Sender start() {
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
            return new Sender(vertx, vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1)
                    .setKeepAlive(true).setConnectTimeout(5_000), new PoolOptions().setHttp1MaxSize(Integer.getInteger("connections", 128))));
        }

        /**
         * Sends the requests at {@code rate} a second, each handed to the event loop at its due time, and waits for every
         * answer (2xx: accepted).
         */
        Sent send(List<Outgoing> requests, int rate) throws InterruptedException {
            Context loop = vertx.getOrCreateContext();
            Sent sent = Sent.of(requests.size());
            CountDownLatch answered = new CountDownLatch(requests.size());
            long start = System.nanoTime();
            double interval = 1e9 / rate;
            for (int i = 0; i < requests.size(); i++) {
                long due = start + (long) (i * interval);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                int at = i;
                Outgoing request = requests.get(i);
                loop.runOnContext(v -> post(request).onComplete(answer -> {
                    sent.record(at, due, answer);
                    answered.countDown();
                }));
            }
            answered.await();
            return sent;
        }

        /**
         * Sends the requests in a closed loop: {@code concurrency} in flight, the next one sent when an answer comes back,
         * each latency counted from its own send (what N clients that wait for their answers see).
         */
        Sent sendClosed(List<Outgoing> requests, int concurrency) throws InterruptedException {
            Sent sent = Sent.of(requests.size());
            CountDownLatch answered = new CountDownLatch(requests.size());
            AtomicInteger next = new AtomicInteger();
            vertx.getOrCreateContext().runOnContext(v -> {
                for (int c = 0; c < concurrency; c++) {
                    sendNext(requests, next, sent, answered);
                }
            });
            answered.await();
            return sent;
        }

        private void sendNext(List<Outgoing> requests, AtomicInteger next, Sent sent, CountDownLatch answered) {
            int at = next.getAndIncrement();
            if (at >= requests.size()) {
                return;
            }
            long start = System.nanoTime();
            post(requests.get(at)).onComplete(answer -> {
                sent.record(at, start, answer);
                answered.countDown();
                sendNext(requests, next, sent, answered);
            });
        }

        /** One POST, its answer's status once the body is read. */
        private io.vertx.core.Future<Integer> post(Outgoing request) {
            return http.request(request.options()).compose(r -> r.send(request.body()))
                    .compose(response -> response.body().map(body -> response.statusCode()));
        }

        void close() {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }


    /**
     * User plus system CPU ticks of each process (and its threads) so far; 0 for a process that is gone. A process given
     * as {@code comm:NAME} is every process of that name at the time of reading (PostgreSQL's backends: a pool may open
     * one during the warm-up, after the script listed them).
     */
    static long[] cpu(List<String[]> processes) throws Exception {
        long[] ticks = new long[processes.size()];
        for (int i = 0; i < processes.size(); i++) {
            for (String pid : pids(processes.get(i)[0])) {
                Path stat = Path.of("/proc", pid, "stat");
                if (Files.exists(stat)) {
                    ticks[i] += ticks(stat);
                }
            }
        }
        return ticks;
    }

    /** User plus system CPU ticks in a process's or a thread's {@code stat} (after the name, which may hold spaces). */
    private static long ticks(Path stat) throws java.io.IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    /**
     * The CPU ticks of each Java process's JIT compiler threads (C1 and C2), by thread id: a service started minutes ago
     * still spends a share of its CPU compiling (a third of the gateway's, two minutes into 50 webhooks a second), which
     * a service running for days has behind it. A compiler thread the JVM retires during the run takes its ticks along, so
     * this is at least the compiler's share. Empty for a process that is not Java (PostgreSQL).
     */
    static List<Map<String, Long>> jit(List<String[]> processes) throws Exception {
        List<Map<String, Long>> all = new ArrayList<>();
        for (String[] process : processes) {
            Map<String, Long> threads = new HashMap<>();
            if (!process[0].startsWith("comm:")) {
                for (String pid : pids(process[0])) {
                    try (var tasks = Files.list(Path.of("/proc", pid, "task"))) {
                        for (Path task : (Iterable<Path>) tasks::iterator) {
                            try {
                                if (Files.readString(task.resolve("comm")).contains("CompilerThre")) { // "C2 CompilerThre"
                                    threads.put(task.getFileName().toString(), ticks(task.resolve("stat")));
                                }
                            } catch (java.io.IOException gone) {
                                // the thread ended while the list was read
                            }
                        }
                    } catch (java.io.IOException gone) {
                        // the process is gone
                    }
                }
            }
            all.add(threads);
        }
        return all;
    }

    private static List<String> pids(String given) throws Exception {
        if (!given.startsWith("comm:")) {
            return List.of(given.split(","));
        }
        String name = given.substring("comm:".length());
        List<String> pids = new ArrayList<>();
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Path comm = entry.resolve("comm");
                if (entry.getFileName().toString().chars().allMatch(Character::isDigit) && Files.isReadable(comm)) {
                    try {
                        if (Files.readString(comm).strip().equals(name)) {
                            pids.add(entry.getFileName().toString());
                        }
                    } catch (java.io.IOException gone) {
                        // the process ended while the list was read
                    }
                }
            }
        }
        return pids;
    }

    static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1))] / 1000.0;
    }
}
