package br.ft9.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What keeps the services native-compilable without GraalVM on this machine: the event records that Jackson reads and
 * writes by reflection (outbox, consumers) are registered for it, and no code loads classes or reaches members
 * reflectively on its own. A native build ({@code mvn package -Dnative}) is where the rest is proven.
 */
class NativeReadinessTest {

    private static final Path ROOT = Path.of(System.getProperty("ft9.root", "../..")).toAbsolutePath().normalize();
    private static final Pattern RECORD = Pattern.compile("^(\\s*)(?:public )?(?:static )?record (\\w+)", Pattern.MULTILINE);

    private static List<Path> sources(String under) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String module : ServiceSources.SERVICES) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                walk.filter(f -> f.toString().endsWith(".java") && f.toString().contains(under)).forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void every_event_record_is_registered_for_reflection() throws IOException {
        List<String> unregistered = new ArrayList<>();
        int records = 0;
        for (Path file : sources("/events/")) {
            String source = Files.readString(file);
            Matcher m = RECORD.matcher(source);
            while (m.find()) {
                records++;
                String before = source.substring(0, m.start()).stripTrailing();
                if (!before.endsWith("@RegisterForReflection")) {
                    unregistered.add(file.getFileName() + ": " + m.group(2));
                }
            }
        }
        assertThat(records).as("event records found (a sanity floor)").isGreaterThan(20);
        assertThat(unregistered).isEmpty();
    }

    @Test
    void no_service_loads_classes_or_reaches_members_reflectively() throws IOException {
        Pattern reflective = Pattern.compile("Class\\.forName|getDeclared(Method|Field|Constructor)|setAccessible\\(|Proxy\\.newProxyInstance");
        List<String> offenders = new ArrayList<>();
        for (Path file : sources("/")) {
            if (reflective.matcher(Files.readString(file)).find()) {
                offenders.add(ROOT.relativize(file).toString());
            }
        }
        assertThat(offenders).isEmpty();
    }
}
