package br.ft9.gateway.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where an outbound message stands, in Meta's words where Meta has one. Meta's status webhooks can
 * arrive out of order (a "read" before its "delivered"), so a status only ever moves forward.
 */
public enum DeliveryStatus {
    /** Waiting for the gateway to send it. */
    QUEUED(0),
    /** Claimed by the gateway and being sent: a redelivered command does not send it twice. */
    SENDING(1),
    /** The Graph API took it (or, without Meta credentials, the local outbox did). */
    ACCEPTED(2),
    SENT(3),
    DELIVERED(4),
    READ(5),
    /** Refused by our rules or by Meta; the reason is kept beside it. */
    FAILED(6),
    /** Not sent on purpose: an automatic answer to a conversation a person has taken over. */
    SUPPRESSED(6);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    /** The status as stored and published: lower case, as Meta writes it. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The statuses, as stored, that a message may leave for this one (see {@link #canBecome}). */
    public List<String> predecessors() {
        return Arrays.stream(values()).filter(s -> s.canBecome(this)).map(DeliveryStatus::wire).toList();
    }

    public static DeliveryStatus fromWire(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    /** True when a message in this status should take {@code next}: forward only, and final states stay. */
    public boolean canBecome(DeliveryStatus next) {
        if (next == null || this == FAILED || this == SUPPRESSED) {
            return false;
        }
        return next.rank > rank;
    }
}
