package br.ft9.gateway.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import br.ft9.gateway.domain.WhatsAppMessage;

/**
 * A message in a conversation. {@code direction} IN (from the contact), OUT, or NOTE (the team's private note, never
 * sent); {@code origin} contact, bot,
 * flow or agent; {@code status} of an outbound message queued, sending, accepted, sent, delivered, read,
 * failed or suppressed, with {@code statusReason} when it failed; {@code delivery} graph or local.
 */
public record MessageResponse(UUID id, UUID conversationId, String direction, String type, String text, String origin,
        UUID sentByUserId, String status, String statusReason, String delivery, String waMessageId, OffsetDateTime sentAt,
        OffsetDateTime statusAt) {

    static MessageResponse of(WhatsAppMessage m) {
        return new MessageResponse(m.id, m.conversationId, m.direction, m.type, m.text, m.origin, m.sentByUserId, m.status,
                m.statusReason, m.delivery, m.waMessageId, m.sentAt, m.statusAt);
    }
}
