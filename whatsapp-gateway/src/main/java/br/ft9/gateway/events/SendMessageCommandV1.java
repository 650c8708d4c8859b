package br.ft9.gateway.events;

import java.util.UUID;

import br.ft9.gateway.domain.SendRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code ft9.whatsapp.command.send_message.v1} on {@code ft9.whatsapp.outbound}: memory-service,
 * flow-service and the inbox ask the gateway to send a message. Keyed by organisation + contact so that a
 * conversation's messages leave in order; applied once per {@code commandId}. The contact is named by
 * {@code contactId} or {@code waId}; the conversation and the sending number are optional. {@code inReplyToMessageId}
 * (optional) names the contact's message this answers, for that message's journey.
 */
@RegisterForReflection
public record SendMessageCommandV1(UUID commandId, UUID orgId, UUID contactId, String waId, UUID conversationId,
        String phoneNumberId, String origin, String kind, String text, SendRequest.Template template,
        SendRequest.Interactive interactive, SendRequest.Media media, String replyToWaMessageId, UUID requestedBy,
        UUID inReplyToMessageId) {

    public static final String TYPE = "ft9.whatsapp.command.send_message.v1";
    public static final String TOPIC = "ft9.whatsapp.outbound";

    public SendRequest request() {
        return new SendRequest(SendRequest.Kind.of(kind), SendRequest.Origin.of(origin), text, template, interactive, media,
                replyToWaMessageId);
    }

    /** A plain text from the inbox: an agent's reply ({@code origin} agent) or the platform's notice (system). */
    public static SendMessageCommandV1 text(UUID commandId, UUID orgId, UUID contactId, String waId, UUID conversationId,
            String phoneNumberId, String origin, String text, UUID agentId) {
        return new SendMessageCommandV1(commandId, orgId, contactId, waId, conversationId, phoneNumberId, origin, "text",
                text, null, null, null, null, agentId, null);
    }
}
