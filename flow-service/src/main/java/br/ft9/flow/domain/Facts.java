package br.ft9.flow.domain;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a run knows, by dotted name ({@code trigger.text}, {@code contact.name}, {@code contact.fields.plan},
 * {@code contact.tags}): conditions test these ({@link br.ft9.flow.domain.definition.Condition}) and {@code {{...}}}
 * variables in texts are filled from them.
 */
public final class Facts {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-zA-Z0-9_.]+)\\s*}}");
    private final Map<String, String> values = new HashMap<>();

    /** Facts from the run's JSON: {"trigger": {...}, "contact": {...}} flattened to dotted names. */
    public static Facts of(JsonNode root) {
        Facts facts = new Facts();
        facts.flatten("", root);
        return facts;
    }

    private void flatten(String prefix, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue());
            }
        } else if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            node.forEach(item -> joined.append(joined.length() == 0 ? "" : ",").append(item.asText()));
            values.put(prefix, joined.toString());
        } else {
            values.put(prefix, node.asText());
        }
    }

    public String get(String name) {
        return values.get(name);
    }

    /** Fills {@code {{name}}} with the fact's value (empty when unknown). */
    public String render(String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.getOrDefault(m.group(1), "");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Fills the variables, refusing a result longer than {@code max} characters (a template that repeats
     * {@code {{trigger.text}}} can grow without bound): the step fails for good with the reason, and nothing oversized
     * reaches WhatsApp, a mail or the outbox.
     */
    public String render(String text, int max, String what) {
        String rendered = render(text);
        if (rendered.length() > max) {
            throw new StepRefused(what + " is " + rendered.length() + " characters once its variables are filled; at most "
                    + max + " are sent");
        }
        return rendered;
    }

    /** A UUID from a fact's value, or null when missing or not one (trigger data may carry anything). */
    public static java.util.UUID uuid(String value) {
        try {
            return value == null || value.isEmpty() ? null : java.util.UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
