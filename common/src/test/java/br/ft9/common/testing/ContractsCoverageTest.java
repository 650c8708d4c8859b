package br.ft9.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code contracts/} covers every event type the services' code names, names only modules that exist, and makes the
 * contract table of {@code docs/events.md} ({@code -Dft9.contracts.write=true} writes it there).
 */
class ContractsCoverageTest {

    private static final Pattern TYPE = Pattern.compile("\"(ft9\\.[a-z_]+\\.[a-z_.]+\\.v\\d+)\"");
    private static final String START = "<!-- contracts table: generated from contracts/ by ContractsCoverageTest -->";
    private static final String END = "<!-- end of contracts table -->";
    private static final Set<String> SERVICES = Set.of("auth-service", "tenant-service", "billing-service", "memory-service",
            "flow-service", "whatsapp-gateway");

    private static Path root() {
        return Contracts.folder().getParent();
    }

    @Test
    void every_event_type_named_in_the_services_code_has_a_contract() throws IOException {
        Set<String> named = new TreeSet<>();
        for (String module : Stream.concat(SERVICES.stream(), Stream.of("common")).toList()) {
            try (Stream<Path> files = Files.walk(root().resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = TYPE.matcher(Files.readString(file));
                    while (m.find()) {
                        named.add(m.group(1));
                    }
                }
            }
        }
        assertThat(named).as("event types in the code").hasSizeGreaterThan(30);
        assertThat(Contracts.all().keySet()).containsAll(named);
    }

    @Test
    void every_contract_names_its_topic_and_only_services_that_exist_as_producers_and_consumers() {
        Contracts.all().forEach((type, contract) -> {
            assertThat(contract.path("topic").asText()).as(type + " topic").isNotBlank();
            assertThat(contract.path("producers")).as(type + " producers").isNotEmpty();
            Stream.concat(texts(contract.path("producers")).stream(), texts(contract.path("consumers")).stream())
                    .forEach(service -> assertThat(SERVICES).as(type + " names " + service).contains(service));
            assertThat(contract.path("data").isObject()).as(type + " has an example").isTrue();
        });
    }

    @Test
    void the_contract_table_in_the_docs_is_the_one_the_contracts_make() throws IOException {
        Path events = root().resolve("docs/events.md");
        String docs = Files.readString(events);
        String table = table(Contracts.all());
        if (Boolean.getBoolean("ft9.contracts.write")) {
            int start = docs.indexOf(START);
            docs = start < 0 ? docs.stripTrailing() + "\n\n" + table + "\n"
                    : docs.substring(0, start) + table + docs.substring(docs.indexOf(END) + END.length());
            Files.writeString(events, docs);
        }
        assertThat(Files.readString(events)).as("docs/events.md (-Dft9.contracts.write=true rewrites the table)").contains(table);
    }

    private static String table(Map<String, JsonNode> contracts) {
        StringBuilder out = new StringBuilder(START).append("\n\n| type | topic | producers | consumers | data (`?`: a producer may leave it out) |\n")
                .append("|---|---|---|---|---|\n");
        contracts.forEach((type, contract) -> {
            Set<String> optional = Set.copyOf(texts(contract.path("optional")));
            List<String> fields = iterable(contract.path("data").fieldNames()).stream()
                    .map(f -> "`" + f + (optional.contains(f) ? "?" : "") + "`").toList();
            out.append("| `").append(type).append("` (v").append(contract.path("schemaVersion").asInt()).append(") | `")
                    .append(contract.path("topic").asText()).append("` | ").append(String.join(", ", texts(contract.path("producers"))))
                    .append(" | ").append(contract.path("consumers").isEmpty() ? "—" : String.join(", ", texts(contract.path("consumers"))))
                    .append(" | ").append(String.join(", ", fields)).append(" |\n");
        });
        return out.append("\n").append(END).toString();
    }

    private static List<String> texts(JsonNode array) {
        return iterable(array.elements()).stream().map(JsonNode::asText).collect(Collectors.toList());
    }

    private static <T> List<T> iterable(java.util.Iterator<T> items) {
        List<T> list = new java.util.ArrayList<>();
        items.forEachRemaining(list::add);
        return list;
    }
}
