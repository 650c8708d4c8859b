package br.ft9.gateway.domain;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Where messages are first recorded: a contact's once per Meta id, ours once per send command; and the labels in use. */
public interface MessageStore {

    /** An outbound message as its command asked for it, queued. */
    record Queued(UUID orgId, UUID contactId, UUID conversationId, UUID commandId, String type, String text, String payload,
            String origin, UUID sentBy, UUID inReplyTo) {
    }

    /** Records the message queued unless its command's message exists; in the caller's transaction. */
    Uni<Void> insertQueued(Queued message);

    /** A contact's message as Meta delivered it. */
    record Inbound(UUID id, UUID orgId, UUID contactId, UUID conversationId, String conversationMode, String waMessageId, String type,
            String text, String payload, java.time.OffsetDateTime sentAt) {
    }

    /**
     * Records the contact's message once per Meta id, in the caller's transaction; true the first time, false for a
     * redelivery (which is counted on the message, and not announced again).
     */
    Uni<Boolean> insertInbound(Inbound message);

    /** Every label the organisation's conversations carry (at most 200), in order. */
    Uni<List<String>> labels(UUID orgId);
}
