package br.ft9.flow.domain;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Whether a contact's message sets off a {@code message_received} trigger: any, first message, keyword or regex, and the hours. */
public final class TriggerMatch {

    private TriggerMatch() {
    }

    public static boolean messageReceived(JsonNode trigger, String text, boolean firstMessage, boolean withinBusinessHours) {
        String hours = trigger.path("hours").asText("any");
        if ("within".equals(hours) && !withinBusinessHours || "outside".equals(hours) && withinBusinessHours) {
            return false;
        }
        String message = text == null ? "" : Facts.fold(text);
        return switch (trigger.path("match").asText("any")) {
            case "first_message" -> firstMessage;
            case "keyword" -> {
                for (JsonNode keyword : trigger.path("keywords")) {
                    String k = Facts.fold(keyword.asText());
                    if (!k.isEmpty() && Pattern.compile("(^|\\W)" + Pattern.quote(k) + "($|\\W)").matcher(message).find()) {
                        yield true;
                    }
                }
                yield false;
            }
            case "regex" -> UserPattern.find(trigger.path("pattern").asText(), text);
            default -> true;
        };
    }
}
