package br.ft9.gateway.domain;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * Where a claimed outbound message goes: Meta's Graph API, or the local outbox when the platform runs without Meta
 * credentials ({@code ft9.whatsapp.outbound-delivery=local}); the outcome is one of three.
 */
public interface Delivery {

    /** A claimed message, with what is needed to send it: the number it goes from, its sealed token, the recipient. */
    record Dispatch(UUID messageId, String phoneNumberId, String sealedToken, String to, SendRequest request) {
    }

    /** How the message went. */
    sealed interface Result {
    }

    /** Taken; {@code waMessageId} is Meta's id for it (none locally). */
    record Accepted(String waMessageId) implements Result {
    }

    /** Surely did not leave (Meta unavailable, throttling, unreachable): to be sent again, never lost. */
    record DidNotLeave(String reason, Throwable cause) implements Result {
    }

    /** Refused for good, or perhaps taken without an answer (a timeout): recorded as failed with the reason, never sent twice. */
    record Failed(String reason) implements Result {
    }

    /** The name kept on the message ({@code graph} or {@code local}). */
    String name();

    /** Whether the organisation needs a connected number for a message to go (the Graph API does, the local outbox not). */
    boolean needsConnectedNumber();

    Uni<Result> deliver(Dispatch dispatch);
}
