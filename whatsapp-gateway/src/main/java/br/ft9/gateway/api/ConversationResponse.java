package br.ft9.gateway.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import br.ft9.gateway.domain.Inbox;
import br.ft9.gateway.domain.OutboundPolicy;

/**
 * A conversation as the inbox shows it. {@code serviceWindowEndsAt} is when free-form replies stop being
 * possible (24 h after the contact's last message); after it only templates may be sent.
 */
public record ConversationResponse(UUID id, ContactResponse contact, String status, String mode, UUID assignedUserId,
        String handoffReason, OffsetDateTime lastMessageAt, String lastMessageText, OffsetDateTime serviceWindowEndsAt,
        OffsetDateTime openedAt, OffsetDateTime closedAt, java.util.List<String> labels) {

    static ConversationResponse of(Inbox.ConversationView view) {
        var c = view.conversation();
        var contact = view.contact();
        OffsetDateTime windowEnds = contact == null || contact.lastInboundAt == null ? null
                : contact.lastInboundAt.plus(OutboundPolicy.SERVICE_WINDOW);
        return new ConversationResponse(c.id, contact == null ? null : ContactResponse.of(contact), c.status, c.mode,
                c.assignedUserId, c.handoffReason, c.lastMessageAt, c.lastMessageText, windowEnds, c.openedAt, c.closedAt,
                c.labels == null ? java.util.List.of() : c.labels);
    }
}
