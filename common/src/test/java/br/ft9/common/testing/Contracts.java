package br.ft9.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The event contracts in {@code contracts/} (one JSON file per CloudEvent type: its schema version, topic, producers,
 * consumers, the fields a producer may leave out ({@code optional}), the fields whose inside is free JSON ({@code opaque}),
 * and an example of its data), checked from both sides: a producer's
 * record, filled in, writes every field of the example that is not optional; a consumer's reading parses the example
 * with every field it needs set. A renamed field fails both tests instead of arriving as null.
 */
public final class Contracts {

    /** Serialises and parses as Quarkus' ObjectMapper does (ISO dates, unknown fields ignored). */
    public static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Contracts() {
    }

    /** A type a consumer reads, the record it reads it into, and the fields it needs (none named: all of the record's). */
    public record Reading(String type, Class<?> into, String... needed) {
    }

    /** The folder of contracts, found from the module's folder upwards. */
    public static Path folder() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("contracts"))) {
                return at.resolve("contracts");
            }
        }
        throw new IllegalStateException("no contracts/ folder above " + Path.of("").toAbsolutePath());
    }

    /** The whole contract of a type. */
    public static JsonNode contract(String type) {
        Path file = folder().resolve(type + ".json");
        try {
            JsonNode contract = JSON.readTree(Files.readString(file));
            assertThat(contract.path("type").asText()).as("the type named in " + file.getFileName()).isEqualTo(type);
            return contract;
        } catch (IOException e) {
            throw new AssertionError("no contract for " + type + " (" + file + ")", e);
        }
    }

    /** Every contract, by type. */
    public static Map<String, JsonNode> all() {
        Map<String, JsonNode> contracts = new LinkedHashMap<>();
        try (var files = Files.list(folder())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String type = file.getFileName().toString().replaceAll("\\.json$", "");
                contracts.put(type, contract(type));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return contracts;
    }

    /**
     * The producer's side: {@code data} (the record the producer hands to its outbox, filled in by {@link #sample}) written
     * as JSON holds every field of the example except the contract's optional ones, at the same places.
     */
    public static void assertWrites(String type, Object data) {
        if (Boolean.getBoolean("ft9.contracts.write") && !Files.exists(folder().resolve(type + ".json"))) {
            write(type, data);
        }
        JsonNode contract = contract(type);
        Set<String> optional = new TreeSet<>();
        contract.path("optional").forEach(o -> optional.add(o.asText()));
        Set<String> opaque = new TreeSet<>();
        contract.path("opaque").forEach(o -> opaque.add(o.asText()));
        Set<String> expected = paths(contract.path("data"));
        expected.removeIf(path -> optional.stream().anyMatch(o -> path.equals(o) || path.startsWith(o + "."))
                || opaque.stream().anyMatch(o -> path.startsWith(o + ".")));
        assertThat(paths(JSON.valueToTree(data))).as("the fields " + data.getClass().getSimpleName() + " writes for " + type)
                .containsAll(expected);
    }

    /**
     * The consumer's side: the example's data parsed into {@code reading} sets every field named (all the record's
     * components when none is named), each present in the example.
     */
    public static <T> T assertReads(String type, Class<T> reading, String... needed) {
        JsonNode data = contract(type).path("data");
        T parsed;
        try {
            parsed = JSON.treeToValue(data, reading);
        } catch (IOException e) {
            throw new AssertionError(reading.getSimpleName() + " cannot read the example of " + type + ": " + e.getMessage(), e);
        }
        List<String> fields = needed.length > 0 ? List.of(needed)
                : java.util.Arrays.stream(reading.getRecordComponents()).map(RecordComponent::getName).toList();
        for (String field : fields) {
            assertThat(data.has(field)).as(reading.getSimpleName() + " reads " + field + ", which the example of " + type + " has").isTrue();
            try {
                var accessor = reading.getDeclaredMethod(field);
                accessor.setAccessible(true); // readings are often package-private records
                Object value = accessor.invoke(parsed);
                assertThat(value).as(reading.getSimpleName() + "." + field + " read from the example of " + type).isNotNull();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(reading.getSimpleName() + " has no field " + field, e);
            }
        }
        return parsed;
    }

    /** Starts a contract from a producer's record (its example then edited by hand); only with -Dft9.contracts.write=true. */
    private static void write(String type, Object data) {
        ObjectNode contract = JSON.createObjectNode().put("type", type).put("schemaVersion", 1);
        contract.putArray("optional");
        contract.set("data", JSON.valueToTree(data));
        try {
            Files.writeString(folder().resolve(type + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(contract) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The dotted paths of every field (an array's first element stands for all: {@code citedItems[]}). */
    static Set<String> paths(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        collect("", node, paths);
        return paths;
    }

    private static void collect(String prefix, JsonNode node, Set<String> paths) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                paths.add(path);
                collect(path, field.getValue(), paths);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            collect(prefix + "[]", node.get(0), paths);
        }
    }

    /** A record with every component set, nested records and lists of one element included: what a producer may write at most. */
    public static <T> T sample(Class<T> type) {
        return type.cast(value(type, type, "value"));
    }

    private static Object value(Class<?> type, Type generic, String name) {
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                // A field written as raw JSON (@JsonRawValue) must hold JSON.
                values[i] = components[i].getAccessor().isAnnotationPresent(com.fasterxml.jackson.annotation.JsonRawValue.class) ? "{}"
                        : value(components[i].getType(), components[i].getGenericType(), components[i].getName());
            }
            try {
                var constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor.newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot fill " + type, e);
            }
        }
        if (type == String.class) {
            return name;
        }
        if (type == UUID.class) {
            return UUID.nameUUIDFromBytes(name.getBytes());
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == double.class || type == Double.class) {
            return 1.0;
        }
        if (type == BigDecimal.class) {
            return BigDecimal.ONE;
        }
        if (type == OffsetDateTime.class) {
            return OffsetDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZoneOffset.UTC);
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-30T12:00:00Z");
        }
        if (type == LocalDate.class) {
            return LocalDate.of(2026, 11, 30);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (JsonNode.class.isAssignableFrom(type)) {
            ObjectNode node = JSON.createObjectNode();
            node.put(name, name);
            return node;
        }
        if (List.class.isAssignableFrom(type) && generic instanceof ParameterizedType parameterized) {
            Type element = parameterized.getActualTypeArguments()[0];
            Class<?> elementClass = element instanceof Class<?> c ? c : (Class<?>) ((ParameterizedType) element).getRawType();
            List<Object> list = new ArrayList<>();
            list.add(value(elementClass, element, name));
            return list;
        }
        if (Map.class.isAssignableFrom(type)) {
            return Map.of(name, name);
        }
        throw new IllegalStateException("no sample value for " + type + " (" + name + ")");
    }
}
