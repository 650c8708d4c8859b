package br.ft9.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import br.ft9.common.testing.TestTokens;

/**
 * One packaged service ({@code <service>/target/quarkus-app/quarkus-run.jar}) run as a real process on a
 * free port, against the same servers and test database as the rest of the suite.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    final Path log;
    private final Process process;
    private final Map<String, String> extraEnv;
    /** The class-data archive this process writes when it stops, and where it goes then; null when it writes none. */
    private final ClassArchive writing;

    private ServiceProcess(String name, int port, Path log, Process process, Map<String, String> extraEnv, ClassArchive writing) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.extraEnv = extraEnv;
        this.writing = writing;
    }

    /**
     * Java's class-data sharing for the many starts of the system tests (about 40): the first start of each packaged
     * service writes the classes it loaded to an archive when it stops, and every later start of the same jar maps them
     * instead of loading them again (deploy/local/lib.sh does the same for up.sh). Written under a name of its own and
     * moved into place once the writer has exited, so no start ever maps a half-written archive.
     */
    private record ClassArchive(Path partial, Path archive) {

        private static final java.util.Set<Path> CLAIMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

        /** The JVM options for a start of {@code jar}, and the archive it writes (null when it only reads or neither). */
        record Use(List<String> options, ClassArchive writing) {
        }

        static Use optionsFor(String name, Path jar) throws IOException {
            Path directory = Path.of(System.getProperty("ft9.cds", "target/class-archives")).toAbsolutePath();
            Files.createDirectories(directory);
            Path archive = directory.resolve(name + "-" + Files.getLastModifiedTime(jar).toMillis() + ".jsa");
            if (Files.isRegularFile(archive)) {
                return new Use(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), null);
            }
            if (!CLAIMED.add(archive)) {
                return new Use(List.of(), null); // another start of this jar is writing it
            }
            Path partial = directory.resolve(archive.getFileName() + ".partial");
            return new Use(List.of("-XX:ArchiveClassesAtExit=" + partial, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"),
                    new ClassArchive(partial, archive));
        }

        /** After the writer exited: the archive in place when it was written whole, or the claim given up. */
        void settle(Process writer) {
            try {
                // 143: stopped by SIGTERM as close() asks, the archive written on the way out; 137 (killed) leaves a part
                if (List.of(0, 130, 143).contains(writer.exitValue()) && Files.size(partial) > 0) {
                    Files.move(partial, archive, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    return;
                }
            } catch (IOException | IllegalThreadStateException e) {
                // it wrote nothing: a later start writes it
            }
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // left for the next build's clean
            }
            CLAIMED.remove(archive);
        }
    }

    /** Stops the service and starts it again on the same port with the same settings; waits until it is ready. */
    ServiceProcess restarted() {
        close();
        ServiceProcess again = launch(name, extraEnv, port, true);
        again.awaitHealth("/q/health/ready", 200);
        return again;
    }

    /** Stops the service and starts it again on the same port with other settings (a rotated key); waits until ready. */
    ServiceProcess restartedWith(Map<String, String> otherEnv) {
        ServiceProcess again = relaunchedWith(otherEnv);
        again.awaitHealth("/q/health/ready", 200);
        return again;
    }

    /** As {@link #restartedWith}, without waiting: several restart side by side, then {@link #awaitReady}. */
    ServiceProcess relaunchedWith(Map<String, String> otherEnv) {
        close();
        return launch(name, otherEnv, port, true);
    }

    /** Starts the service and waits until its readiness check answers UP. */
    static ServiceProcess start(String name, Map<String, String> extraEnv) {
        ServiceProcess service = launch(name, extraEnv);
        service.awaitHealth("/q/health/ready", 200);
        return service;
    }

    /** Starts the service without waiting for anything. */
    static ServiceProcess launch(String name, Map<String, String> extraEnv) {
        try {
            return launch(name, extraEnv, freePort(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServiceProcess launch(String name, Map<String, String> extraEnv, int port, boolean appendLog) {
        Path root = Path.of(System.getProperty("ft9.root", ".."));
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar + " is missing");
        }
        try {
            Path logs = Path.of(System.getProperty("ft9.logs", "target/service-logs"));
            Files.createDirectories(logs);
            Path log = logs.resolve(name + ".log");
            ClassArchive.Use classes = ClassArchive.optionsFor(name, jar);
            List<String> command = new java.util.ArrayList<>(List.of("java",
                    // the same heaps as deploy/local/lib.sh's service_heap: memory-service holds the embedding model
                    "memory-service".equals(name) ? "-Xmx768m" : "console".equals(name) ? "-Xmx64m" : "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1"));
            command.addAll(classes.options());
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                            : ProcessBuilder.Redirect.to(log.toFile()));
            Map<String, String> env = builder.environment();
            env.putIfAbsent("DB_NAME", "ft9_test");
            env.put("HTTP_PORT", String.valueOf(port));
            env.put("LOG_JSON", "false");
            // Meta is not here: tenant-service connects numbers without asking it (its own tests play Meta with a stub).
            env.putIfAbsent("WHATSAPP_CHECK_CHANNELS", "false");
            env.put("FT9_JWKS_URL", TestTokens.publicKeyFile().toUri().toString());
            env.put("FT9_JWT_ISSUER", TestTokens.ISSUER);
            env.putAll(extraEnv);
            return new ServiceProcess(name, port, log, builder.start(), extraEnv, classes.writing());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * Waits until each of services launched side by side answers ready: their starts overlap (one waits on the database
     * or the broker while another compiles), so a test's suite is up sooner than when each is started after the last.
     */
    static void awaitReady(java.util.Collection<ServiceProcess> services) {
        for (ServiceProcess service : services) {
            service.awaitHealth("/q/health/ready", 200, Duration.ofSeconds(180));
        }
    }

    static void awaitReady(ServiceProcess... services) {
        awaitReady(List.of(services));
    }

    /** Waits until a health endpoint answers the given status. */
    void awaitHealth(String path, int status) {
        awaitHealth(path, status, Duration.ofSeconds(90));
    }

    private void awaitHealth(String path, int status, Duration atMost) {
        Awaitility.await(name + " " + path + " " + status).atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + log);
                    }
                    try {
                        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == status;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /** Waits until the process ends by itself; answers its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still runs after " + timeout);
        }
        return process.exitValue();
    }

    /** Ports handed out by this run: a service launched a moment ago has not bound its own yet, so the system may offer it again. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port free now and not handed out before in this run. Two services given the same port fail in a confusing way:
     * the second cannot bind it, and its readiness is answered by the first (a plan-change test once talked to
     * billing-service as if it were flow-service, and got 404).
     */
    private static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    /**
     * Stops services side by side: each takes seconds to leave its consumer groups one after another and, the first
     * time, to write its class archive, so a test's suite stops in the time of its slowest service, not of their sum.
     */
    static void closeAll(java.util.Collection<ServiceProcess> services) {
        List<ServiceProcess> running = services.stream().filter(java.util.Objects::nonNull).toList();
        running.forEach(service -> service.process.destroy());
        running.forEach(ServiceProcess::close);
    }

    static void closeAll(ServiceProcess... services) {
        closeAll(java.util.Arrays.asList(services));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        if (writing != null && !process.isAlive()) {
            writing.settle(process);
        }
    }
}
