package br.ft9.gateway.domain;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Where outbound messages are first recorded, once per send command. */
public interface OutboundStore {

    /** An outbound message as its command asked for it, queued. */
    record Queued(UUID orgId, UUID contactId, UUID conversationId, UUID commandId, String type, String text, String payload,
            String origin, UUID sentBy, UUID inReplyTo) {
    }

    /** Records the message queued unless its command's message exists; in the caller's transaction. */
    Uni<Void> insertQueued(Queued message);
}
