package br.ft9.flow.domain.definition;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** What the parts of a definition share while they read their JSON: names and text lists. */
final class Reading {

    /** A contact field's or an answer's name. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private Reading() {
    }

    static JsonNode array(JsonNode node) {
        return node.isArray() ? node : JsonNodeFactory.instance.arrayNode();
    }

    static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual() || item.asText().isBlank()) {
                return false;
            }
        }
        return true;
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array(array).spliterator(), false).map(JsonNode::asText).toList();
    }

    /** A text field, or null when absent or JSON null. */
    static String text(JsonNode step, String field) {
        return step.hasNonNull(field) ? step.path(field).asText() : null;
    }
}
