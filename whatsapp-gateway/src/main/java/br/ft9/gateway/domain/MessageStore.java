package br.ft9.gateway.domain;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Where messages are first recorded: a contact's once per Meta id, ours once per send command; and the labels in use. */
public interface MessageStore {

    /** An outbound message as its command asked for it, before it is claimed. */
    record Queued(UUID orgId, UUID contactId, UUID conversationId, UUID commandId, String type, String text, String payload,
            String origin, UUID sentBy, UUID inReplyTo) {
    }

    /**
     * What deciding on a claimed send needs, read by the statement that claims it: the message, whether the message it
     * answers came while a person had the conversation, the organisation's status (null: not known yet) and the number to
     * send from (null: none).
     */
    record Claimed(UUID messageId, boolean answersMessageAPersonHad, String organizationStatus, Route route) {
    }

    /** One of the organisation's connected numbers, with its sealed access token. */
    record Route(String phoneNumberId, String accessTokenSealed) {
    }

    /**
     * Claims the command's message for sending, in the caller's transaction: records it as sending the first time, or
     * takes it back from queued (put back after an outage, or queued by an agent); null when it was sent or refused before.
     * The number is the one named ({@code phoneNumberId}), else the organisation's newest; never another organisation's.
     */
    Uni<Claimed> claim(Queued message, String phoneNumberId);

    /**
     * Outbound messages claimed for sending longer ago than {@code after}, the longest a live sender holds one: their
     * sender stopped between the claim and Meta's answer (oldest first, at most {@code limit}).
     */
    Uni<List<UUID>> interruptedSends(Duration after, int limit);

    /** The number {@link #claim} would send from: the one named, else the organisation's newest; null when it has none. */
    Uni<Route> route(UUID orgId, String phoneNumberId);

    /** A contact's message as Meta delivered it, to one of the organisation's numbers; the preview is what the inbox lists. */
    record Arriving(UUID id, UUID orgId, String waId, String profileName, String phoneNumberId, String waMessageId, String type,
            String text, String payload, java.time.OffsetDateTime sentAt, String preview) {
    }

    /** What recording a message found: whether it was new (false: a concurrent delivery won), its contact and conversation. */
    record Recorded(boolean fresh, UUID contactId, String profileName, boolean optedOut, UUID conversationId,
            String conversationMode) {
    }

    /**
     * Records the contact's message in one statement, in the caller's transaction: the contact (created, or its name and
     * last message time kept current), its open conversation (opened for the bot when there is none, noting the message)
     * and the message, once per Meta id. A redelivery only counts on the message: null then.
     */
    Uni<Recorded> recordInbound(Arriving message);

    /** Every label the organisation's conversations carry (at most 200), in order. */
    Uni<List<String>> labels(UUID orgId);
}
