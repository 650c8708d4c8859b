package br.ft9.gateway.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads Meta's webhook notification shape ({@code object: whatsapp_business_account}, entries of
 * changes whose {@code value} holds {@code metadata}, {@code contacts}, {@code messages} and
 * {@code statuses}) into what the gateway keeps. Any message type is kept with its raw JSON; text is
 * pulled out for text messages and the titles of button and list replies.
 */
public final class WebhookPayload {

    /** A message a contact sent to one of the organisation's numbers. */
    public record Inbound(String phoneNumberId, String waId, String profileName, String waMessageId, Instant sentAt,
            String type, String text, String raw) {
    }

    /** A delivery status of a message the organisation sent. */
    public record Status(String phoneNumberId, String waMessageId, String recipientWaId, String status, Instant at,
            String error, String raw) {
    }

    public record Parsed(List<Inbound> messages, List<Status> statuses) {
    }

    private WebhookPayload() {
    }

    public static Parsed parse(JsonNode root) {
        List<Inbound> messages = new ArrayList<>();
        List<Status> statuses = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                String phoneNumberId = value.path("metadata").path("phone_number_id").asText(null);
                if (phoneNumberId == null) {
                    continue;
                }
                for (JsonNode message : value.path("messages")) {
                    String from = message.path("from").asText(null);
                    String id = message.path("id").asText(null);
                    if (from == null || id == null) {
                        continue;
                    }
                    messages.add(new Inbound(phoneNumberId, from, profileName(value, from), id,
                            epoch(message.path("timestamp")), message.path("type").asText("unknown"), text(message),
                            message.toString()));
                }
                for (JsonNode status : value.path("statuses")) {
                    statuses.add(new Status(phoneNumberId, status.path("id").asText(null),
                            status.path("recipient_id").asText(null), status.path("status").asText("unknown"),
                            epoch(status.path("timestamp")), error(status.path("errors")), status.toString()));
                }
            }
        }
        return new Parsed(messages, statuses);
    }

    /** Meta's first error of a failed status, as "code title: details". */
    private static String error(JsonNode errors) {
        JsonNode first = errors.path(0);
        if (first.isMissingNode()) {
            return null;
        }
        String details = first.path("error_data").path("details").asText(null);
        String text = first.path("code").asText("") + " " + first.path("title").asText(first.path("message").asText(""));
        return (details == null ? text : text + ": " + details).trim();
    }

    private static String profileName(JsonNode value, String waId) {
        for (JsonNode contact : value.path("contacts")) {
            if (waId.equals(contact.path("wa_id").asText())) {
                return contact.path("profile").path("name").asText(null);
            }
        }
        return null;
    }

    private static String text(JsonNode message) {
        return switch (message.path("type").asText("")) {
            case "text" -> message.path("text").path("body").asText(null);
            case "button" -> message.path("button").path("text").asText(null);
            case "interactive" -> {
                JsonNode interactive = message.path("interactive");
                JsonNode reply = interactive.has("button_reply") ? interactive.path("button_reply") : interactive.path("list_reply");
                yield reply.path("title").asText(null);
            }
            case "image", "document", "video" -> message.path(message.path("type").asText()).path("caption").asText(null);
            case "reaction" -> message.path("reaction").path("emoji").asText(null);
            default -> null;
        };
    }

    private static Instant epoch(JsonNode seconds) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds.asText()));
        } catch (NumberFormatException e) {
            return Instant.now();
        }
    }
}
