package br.ft9.tenant.domain;

import java.time.Duration;

/**
 * Whether a dead letter can go back to its topic: not once discarded, not without knowing its topic, and not when it
 * stands for an event too large for the broker (that event waits in its service's outbox, where it has to be fixed),
 * and not once the consumers that applied the event may have forgotten it (a replay would apply it twice there).
 */
public final class Replayability {

    /** The record the outbox relay writes in place of an event too large to publish. */
    public static final String SET_ASIDE = "ft9.outbox.event.set_aside.v1";

    /**
     * The longest any topic keeps a record: how far a consumer group can lag behind the one that dead-lettered it, so
     * how much earlier than the dead letter another group may have applied (and started remembering) the event.
     */
    public static final Duration LONGEST_TOPIC_RETENTION = Duration.ofDays(30);

    /** What to do with a request to replay. */
    public sealed interface Decision permits Replay, Refuse {
    }

    /** Send it back to this topic. */
    public record Replay(String topic) implements Decision {
    }

    /** Do not, for this reason. */
    public record Refuse(String reason) implements Decision {
    }

    private Replayability() {
    }

    /**
     * {@code recordKept}: false once retention or a contact's erasure emptied the record (nothing left to send);
     * {@code age}: since it was dead-lettered; {@code rememberFor}: how long consumers remember the events they applied
     * (FT9_INBOX_REMEMBER_FOR).
     */
    public static Decision decide(DeadLetterStatus status, String originalTopic, String eventType, boolean recordKept, Duration age,
            Duration rememberFor) {
        if (status == DeadLetterStatus.DISCARDED) {
            return new Refuse("the dead letter was discarded; a discarded record is not replayed");
        }
        if (!recordKept) {
            return new Refuse("the record was emptied (past its retention, or its contact's data was erased); nothing is left"
                    + " to replay");
        }
        Duration replayableFor = rememberFor.minus(LONGEST_TOPIC_RETENTION);
        if (age.compareTo(replayableFor) > 0) {
            return new Refuse("the dead letter is older than " + Math.max(0, replayableFor.toDays()) + " days; consumers forget"
                    + " the events they applied after " + rememberFor.toDays() + " days (FT9_INBOX_REMEMBER_FOR), so a replay"
                    + " could apply it twice where it was applied");
        }
        if (SET_ASIDE.equals(eventType)) {
            return new Refuse("the event was larger than the broker takes; it waits in its service's outbox (event_outbox),"
                    + " where it has to be made smaller");
        }
        if (originalTopic == null || originalTopic.isBlank()) {
            return new Refuse("the record does not say which topic it came from");
        }
        return new Replay(originalTopic);
    }
}
