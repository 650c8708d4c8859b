package br.ft9.gateway.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a message may leave for a contact now: WhatsApp's 24-hour customer service window,
 * the contact's opt-out, the organisation's standing, and the hand-off rule that an automatic answer
 * never talks over a person who has taken the conversation.
 */
public final class OutboundPolicy {

    /** Free-form messages are allowed only this long after the contact's last message (Meta's rule). */
    public static final Duration SERVICE_WINDOW = Duration.ofHours(24);

    /** What the gateway does with a send command. */
    public sealed interface Decision {
    }

    public record Send() implements Decision {
    }

    /** Not sent; recorded as failed with the reason, which is published. */
    public record Refuse(String reason) implements Decision {
    }

    /** Not sent on purpose (hand-off); recorded as suppressed. */
    public record Suppress(String reason) implements Decision {
    }

    /** The facts the decision rests on. {@code lastInboundAt} is null for a contact who never wrote. */
    public record Situation(boolean organisationActive, boolean contactOptedOut, Instant lastInboundAt,
            boolean humanMode) {
    }

    private OutboundPolicy() {
    }

    public static Decision decide(SendRequest request, Situation situation, Instant now) {
        String invalid = request.problem();
        if (invalid != null) {
            return new Refuse(invalid);
        }
        if (!situation.organisationActive()) {
            return new Refuse("the organisation is not active");
        }
        if (situation.contactOptedOut()) {
            return new Refuse("the contact opted out of messages");
        }
        if (request.origin().automatic() && situation.humanMode()) {
            return new Suppress("a person has taken over this conversation");
        }
        if (request.kind() != SendRequest.Kind.TEMPLATE && !withinWindow(situation.lastInboundAt(), now)) {
            return new Refuse("outside the 24-hour customer service window: only an approved template may be sent");
        }
        return new Send();
    }

    public static boolean withinWindow(Instant lastInboundAt, Instant now) {
        return lastInboundAt != null && !now.isAfter(lastInboundAt.plus(SERVICE_WINDOW));
    }
}
