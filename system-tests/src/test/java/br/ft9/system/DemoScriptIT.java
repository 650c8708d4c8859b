package br.ft9.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command and the demo, as a new user runs them: {@code up.sh} starts the six services (the jars the
 * build just packaged) and seeds the demo clinic; {@code demo.sh} plays a patient's conversation through signed
 * webhooks and exits non-zero if any expected effect is missing; a second {@code up.sh} says the suite is up.
 */
class DemoScriptIT {

    @TempDir
    Path run;

    private Map.Entry<Integer, String> script(String name, long seconds) throws Exception {
        Path script = Path.of(System.getProperty("ft9.root", "..")).resolve("deploy/local").resolve(name);
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", script.toString())).redirectErrorStream(true);
        builder.environment().put("FT9_RUN", run.toString());
        builder.environment().put("FT9_SKIP_BUILD", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as(name + " finished").isTrue();
        System.out.println(output);
        return Map.entry(process.exitValue(), output);
    }

    /** Stops the services up.sh started (their pid files), leaving the broker the other tests use. */
    @AfterEach
    void stopTheSuitesServices() throws Exception {
        Path pids = run.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return;
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith("-service.pid") || f.toString().endsWith("gateway.pid")).toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(file).strip())).ifPresent(p -> {
                    p.destroy();
                    p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                });
            }
        }
    }

    @Test
    void up_starts_the_suite_with_the_demo_clinic_and_the_demo_sees_every_expected_effect() throws Exception {
        Map.Entry<Integer, String> up = script("up.sh", 300);
        assertThat(up.getKey()).as(up.getValue()).isZero();
        assertThat(up.getValue()).contains("demo clinic ready").contains("the suite is up");

        Map.Entry<Integer, String> demo = script("demo.sh", 240);
        assertThat(demo.getKey()).as(demo.getValue()).isZero();
        assertThat(demo.getValue()).contains("every expected effect was seen").contains("Fonte:").contains("mode HUMAN");

        Map.Entry<Integer, String> again = script("up.sh", 60);
        assertThat(again.getValue()).contains("already up");
    }
}
