package br.ft9.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the services' own sources say they need: the environment variables their configuration reads (with their
 * defaults), the Kafka topics they name, and the public paths their REST resources serve.
 */
final class ServiceSources {

    static final List<String> SERVICES = List.of("auth-service", "tenant-service", "billing-service", "memory-service",
            "flow-service", "whatsapp-gateway");

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern TOPIC_PROPERTY = Pattern.compile(
            "^mp\\.messaging\\.(?:incoming|outgoing)\\.[a-z0-9-]+\\.(?:topic|dead-letter-queue\\.topic)=(\\S+)$");
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("static final String \\w*TOPIC\\w* = \"([^\"]+)\"");
    private static final Pattern CLASS_PATH = Pattern.compile("^@Path\\(\"(/(?:api|webhooks)/[^\"{]*?)/?(?:\\{[^\"]*)?\"\\)\\s*$",
            Pattern.MULTILINE);

    private final Path root;

    ServiceSources(Path root) {
        this.root = root;
    }

    private String configOf(String service) {
        return read(root.resolve("common/src/main/resources/META-INF/microprofile-config.properties"))
                + "\n" + read(root.resolve(service).resolve("src/main/resources/application.properties"));
    }

    /** Lines of the service's configuration that apply in production (no %test/%dev profile lines, no comments). */
    private List<String> productionLines(String service) {
        return configOf(service).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("%")).toList();
    }

    /** Environment variables the service's configuration reads, each with its default (empty string when none). */
    Map<String, String> environmentOf(String service) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : productionLines(service)) {
            Matcher m = ENV_REFERENCE.matcher(line);
            while (m.find()) {
                variables.putIfAbsent(m.group(1), m.group(2) == null ? "" : m.group(2));
            }
        }
        return variables;
    }

    /** Every Kafka topic any service names: channel topics, dead-letter topics and the topic constants of its events. */
    Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        for (String service : SERVICES) {
            for (String line : productionLines(service)) {
                Matcher m = TOPIC_PROPERTY.matcher(line);
                // A pattern subscription (tenant-service's dead letters: ft9\\..*\\.dlq) names topics, not a topic.
                if (m.matches() && !m.group(1).contains("\\")) {
                    topics.add(m.group(1));
                }
            }
            javaSources(root.resolve(service)).forEach(source -> {
                Matcher m = TOPIC_CONSTANT.matcher(source);
                while (m.find()) {
                    topics.add(m.group(1));
                }
            });
        }
        return topics;
    }

    /** The public path prefixes (/api/..., /webhooks/...) of the service's REST resources, from their class-level @Path. */
    Set<String> publicPaths(String service) {
        Set<String> paths = new TreeSet<>();
        javaSources(root.resolve(service)).filter(source -> !source.contains("@RegisterRestClient")).forEach(source -> {
            Matcher m = CLASS_PATH.matcher(source);
            while (m.find()) {
                paths.add(m.group(1));
            }
        });
        return paths;
    }

    /** A Maven property of the parent POM (image registry, group). */
    String parentProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</").matcher(read(root.resolve("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("the parent POM has no property " + name);
        }
        return m.group(1);
    }

    private static Stream<String> javaSources(Path module) {
        Path sources = module.resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(ServiceSources::read).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
