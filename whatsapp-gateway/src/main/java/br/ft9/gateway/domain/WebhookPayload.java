package br.ft9.gateway.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Reads Meta's webhook notification shape ({@code object: whatsapp_business_account}, entries of
 * changes whose {@code value} holds {@code metadata}, {@code contacts}, {@code messages} and
 * {@code statuses}) into what the gateway keeps. Any message type is kept with its raw JSON; text is
 * pulled out for text messages and the titles of button and list replies.
 */
public final class WebhookPayload {

    /** A message a contact sent to one of the organisation's numbers. */
    public record Inbound(String phoneNumberId, String waId, String profileName, String waMessageId, Instant sentAt,
            String type, String text, String raw, String wabaId) {
    }

    /** A delivery status of a message the organisation sent. */
    public record Status(String phoneNumberId, String waMessageId, String recipientWaId, String status, Instant at,
            String error, String raw, String wabaId) {
    }

    /**
     * Whether a delivery for a number comes from the business account the number was connected with: Meta names the
     * account (the entry's id) in every delivery, and a number routed by its id alone could be claimed by someone else.
     */
    public static boolean fromAccountOf(String deliveredWabaId, String channelWabaId) {
        return deliveredWabaId != null && deliveredWabaId.equals(channelWabaId);
    }

    public record Parsed(List<Inbound> messages, List<Status> statuses) {
    }

    private WebhookPayload() {
    }

    /** The notification's messages and statuses; a timestamp Meta gave unreadable is taken as {@code receivedAt}. */
    public static Parsed parse(JsonNode delivered, Instant receivedAt) {
        JsonNode root = withoutNul(delivered);
        List<Inbound> messages = new ArrayList<>();
        List<Status> statuses = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            String wabaId = entry.path("id").asText(null);
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
                            epoch(message.path("timestamp"), receivedAt), message.path("type").asText("unknown"), text(message),
                            message.toString(), wabaId));
                }
                for (JsonNode status : value.path("statuses")) {
                    statuses.add(new Status(phoneNumberId, status.path("id").asText(null),
                            status.path("recipient_id").asText(null), status.path("status").asText("unknown"),
                            epoch(status.path("timestamp"), receivedAt), error(status.path("errors")), status.toString(), wabaId));
                }
            }
        }
        return new Parsed(messages, statuses);
    }

    /**
     * The delivery with every NUL character (U+0000) taken out of its texts: a contact can send one, PostgreSQL's text
     * cannot hold it, and refusing the delivery would lose it and every message after it in the batch.
     */
    static JsonNode withoutNul(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().indexOf('\u0000') < 0 ? node : TextNode.valueOf(node.asText().replace("\u0000", ""));
        }
        if (node.isObject()) {
            ObjectNode copy = null;
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                JsonNode clean = withoutNul(field.getValue());
                String name = field.getKey().replace("\u0000", "");
                if (clean != field.getValue() || !name.equals(field.getKey())) {
                    copy = copy == null ? ((ObjectNode) node).deepCopy() : copy;
                    copy.remove(field.getKey());
                    copy.set(name, clean);
                }
            }
            return copy == null ? node : copy;
        }
        if (node.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode clean = withoutNul(node.get(i));
                if (clean != node.get(i)) {
                    copy = copy == null ? ((ArrayNode) node).deepCopy() : copy;
                    copy.set(i, clean);
                }
            }
            return copy == null ? node : copy;
        }
        return node;
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

    private static Instant epoch(JsonNode seconds, Instant receivedAt) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds.asText()));
        } catch (NumberFormatException e) {
            return receivedAt;
        }
    }
}
