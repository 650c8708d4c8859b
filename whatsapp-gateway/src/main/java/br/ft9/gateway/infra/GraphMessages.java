package br.ft9.gateway.infra;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.gateway.domain.SendRequest;

/** Writes a send request as the Cloud API's message object ({@code POST /{phone-number-id}/messages}). */
public final class GraphMessages {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GraphMessages() {
    }

    public static ObjectNode body(SendRequest request, String to) {
        ObjectNode message = NODES.objectNode();
        message.put("messaging_product", "whatsapp");
        message.put("recipient_type", "individual");
        message.put("to", to);
        if (request.replyToWaMessageId() != null) {
            message.putObject("context").put("message_id", request.replyToWaMessageId());
        }
        switch (request.kind()) {
            case TEXT -> {
                message.put("type", "text");
                message.putObject("text").put("preview_url", false).put("body", request.text());
            }
            case TEMPLATE -> {
                message.put("type", "template");
                ObjectNode template = message.putObject("template");
                template.put("name", request.template().name());
                template.putObject("language").put("code", request.template().language());
                if (request.template().bodyParameters() != null && !request.template().bodyParameters().isEmpty()) {
                    ObjectNode component = template.putArray("components").addObject().put("type", "body");
                    ArrayNode parameters = component.putArray("parameters");
                    request.template().bodyParameters().forEach(p -> parameters.addObject().put("type", "text").put("text", p));
                }
            }
            case INTERACTIVE -> {
                message.put("type", "interactive");
                message.set("interactive", interactive(request.interactive()));
            }
            case MEDIA -> {
                SendRequest.Media media = request.media();
                message.put("type", media.type());
                ObjectNode object = message.putObject(media.type()).put("link", media.url());
                if (media.caption() != null && !"audio".equals(media.type())) {
                    object.put("caption", media.caption());
                }
                if (media.filename() != null && "document".equals(media.type())) {
                    object.put("filename", media.filename());
                }
            }
        }
        return message;
    }

    private static ObjectNode interactive(SendRequest.Interactive interactive) {
        ObjectNode node = NODES.objectNode();
        node.putObject("body").put("text", interactive.body());
        ObjectNode action = node.putObject("action");
        if ("buttons".equals(interactive.style())) {
            node.put("type", "button");
            ArrayNode buttons = action.putArray("buttons");
            interactive.options().forEach(o -> buttons.addObject().put("type", "reply").putObject("reply")
                    .put("id", o.id()).put("title", o.title()));
        } else {
            node.put("type", "list");
            action.put("button", interactive.buttonLabel());
            ArrayNode rows = action.putArray("sections").addObject().put("title", interactive.buttonLabel()).putArray("rows");
            interactive.options().forEach(o -> {
                ObjectNode row = rows.addObject().put("id", o.id()).put("title", o.title());
                if (o.description() != null) {
                    row.put("description", o.description());
                }
            });
        }
        return node;
    }
}
