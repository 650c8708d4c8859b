package br.ft9.gateway.domain;

/**
 * A message template approved by Meta for the organisation's WhatsApp business account: what may be sent once the
 * 24-hour window has closed. {@code body} is its text with the placeholders {{1}}, {{2}}... that {@code parameters}
 * counts.
 */
public record MessageTemplate(String name, String language, String category, String body, int parameters) {

    /** The body with the values in place of its placeholders (a missing value leaves the placeholder). */
    public String render(java.util.List<String> values) {
        String text = body == null ? "" : body;
        for (int i = 0; i < values.size(); i++) {
            text = text.replace("{{" + (i + 1) + "}}", values.get(i));
        }
        return text;
    }
}
