package br.ft9.tenant.domain;

/**
 * Whether a dead letter can go back to its topic: not once discarded, not without knowing its topic, and not when it
 * stands for an event too large for the broker (that event waits in its service's outbox, where it has to be fixed).
 */
public final class Replayability {

    /** The record the outbox relay writes in place of an event too large to publish. */
    public static final String SET_ASIDE = "ft9.outbox.event.set_aside.v1";

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

    /** {@code recordKept}: false once retention or a contact's erasure emptied the record (nothing left to send). */
    public static Decision decide(DeadLetterStatus status, String originalTopic, String eventType, boolean recordKept) {
        if (status == DeadLetterStatus.DISCARDED) {
            return new Refuse("the dead letter was discarded; a discarded record is not replayed");
        }
        if (!recordKept) {
            return new Refuse("the record was emptied (past its retention, or its contact's data was erased); nothing is left"
                    + " to replay");
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
