package br.ft9.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every operation a running service documents in its OpenAPI document, with what an attacker needs to call it: its
 * path parameters, query parameters, JSON body schema and the roles it requires (none: public). The attack suites are
 * generated from these, so a new endpoint is attacked without a new test.
 */
final class ApiSurface {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");

    /** One documented operation of one service. */
    record Operation(String service, String method, String path, List<String> pathParams, Map<String, JsonNode> queryParams,
            String bodyType, JsonNode bodySchema, Set<String> roles) {

        boolean isPublic() {
            return roles == null;
        }

        boolean hasJsonBody() {
            return bodyType != null && bodyType.contains("json");
        }

        /** The path with each parameter replaced by what {@code value} gives for its name. */
        String path(Function<String, String> value) {
            Matcher m = PATH_PARAM.matcher(path);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1))));
            }
            m.appendTail(out);
            return out.toString();
        }

        @Override
        public String toString() {
            return service + " " + method.toUpperCase() + " " + path;
        }
    }

    private final JsonNode document;
    private final String service;

    private ApiSurface(String service, JsonNode document) {
        this.service = service;
        this.document = document;
    }

    static ApiSurface of(String service, URI base) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            return new ApiSurface(service, JSON.readTree(answer.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        JsonNode globalSecurity = document.path("security");
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> entry = methods.next();
                if (!Set.of("get", "post", "put", "patch", "delete").contains(entry.getKey())) {
                    continue;
                }
                JsonNode op = entry.getValue();
                List<String> pathParams = new ArrayList<>();
                Matcher m = PATH_PARAM.matcher(path.getKey());
                while (m.find()) {
                    pathParams.add(m.group(1));
                }
                Map<String, JsonNode> query = new LinkedHashMap<>();
                for (JsonNode parameter : parameters(path.getValue(), op)) {
                    if ("query".equals(parameter.path("in").asText())) {
                        query.put(parameter.path("name").asText(), resolve(parameter.path("schema")));
                    }
                }
                String bodyType = null;
                JsonNode bodySchema = null;
                for (Iterator<Map.Entry<String, JsonNode>> content = op.path("requestBody").path("content").fields(); content.hasNext();) {
                    Map.Entry<String, JsonNode> c = content.next();
                    if (bodyType == null || c.getKey().contains("json")) {
                        bodyType = c.getKey();
                        bodySchema = resolve(c.getValue().path("schema"));
                    }
                }
                JsonNode security = op.has("security") ? op.path("security") : globalSecurity;
                Set<String> roles = null;
                if (security.isArray() && !security.isEmpty()) {
                    roles = new LinkedHashSet<>();
                    for (JsonNode requirement : security) {
                        for (Iterator<JsonNode> scopes = requirement.elements(); scopes.hasNext();) {
                            for (JsonNode scope : scopes.next()) {
                                roles.add(scope.asText());
                            }
                        }
                    }
                }
                operations.add(new Operation(service, entry.getKey(), path.getKey(), pathParams, query, bodyType, bodySchema, roles));
            }
        }
        return operations;
    }

    private List<JsonNode> parameters(JsonNode pathItem, JsonNode op) {
        List<JsonNode> all = new ArrayList<>();
        pathItem.path("parameters").forEach(p -> all.add(resolve(p)));
        op.path("parameters").forEach(p -> all.add(resolve(p)));
        return all;
    }

    /** The schema behind a $ref (one level at a time; callers resolve nested ones as they go). */
    JsonNode resolve(JsonNode node) {
        int guard = 0;
        while (node != null && node.has("$ref") && guard++ < 10) {
            String ref = node.path("$ref").asText();
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            node = target;
        }
        if (node != null && node.has("allOf") && node.path("allOf").size() == 1) {
            return resolve(node.path("allOf").get(0));
        }
        return node;
    }

    /**
     * A body the schema accepts in shape: every property filled (uuids from {@code ids}, strings with {@code text}),
     * so that a server reaches its checks of ownership and existence rather than stopping at validation.
     */
    JsonNode sample(JsonNode schema, Function<String, String> ids, String text, int depth) {
        schema = resolve(schema);
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (schema == null || schema.isMissingNode() || depth > 5) {
            return f.nullNode();
        }
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        String format = schema.path("format").asText("");
        switch (type) {
            case "object" -> {
                ObjectNode object = f.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> p = schema.path("properties").fields(); p.hasNext();) {
                    Map.Entry<String, JsonNode> property = p.next();
                    if (!property.getValue().path("readOnly").asBoolean(false)) {
                        object.set(property.getKey(), sample(property.getValue(), ids, text, depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = f.arrayNode();
                array.add(sample(schema.path("items"), ids, text, depth + 1));
                return array;
            }
            case "integer", "number" -> {
                return f.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            }
            case "boolean" -> {
                return f.booleanNode(true);
            }
            default -> {
                return switch (format) {
                    case "uuid" -> f.textNode(ids.apply("uuid"));
                    case "date-time" -> f.textNode("2026-12-01T10:00:00-03:00");
                    case "date" -> f.textNode("2026-12-01");
                    case "email" -> f.textNode("ataque+" + UUID.randomUUID().toString().substring(0, 6) + "@ft9.example");
                    default -> f.textNode(text);
                };
            }
        }
    }
}
