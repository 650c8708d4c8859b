package br.ft9.flow.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import br.ft9.common.text.MessageClaim;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What flow-service publishes, and the send command it gives whatsapp-gateway. */
public final class FlowEvents {

    public static final String TOPIC = "ft9.flow.events";
    public static final String RUN_STARTED = "ft9.flow.run.started.v1";
    public static final String RUN_SUCCEEDED = "ft9.flow.run.succeeded.v1";
    public static final String RUN_FAILED = "ft9.flow.run.failed.v1";
    public static final String HANDOFF_REQUESTED = "ft9.flow.conversation.handoff_requested.v1";
    public static final String OUTBOUND_TOPIC = "ft9.whatsapp.outbound";
    public static final String SEND_MESSAGE = "ft9.whatsapp.command.send_message.v1";
    public static final String CONTACT_ERASED = "ft9.flow.contact.erased.v1";
    public static final String AUTOMATIONS_TOPIC = "ft9.flow.automations";
    public static final String MESSAGE_CLAIMS_CHANGED = "ft9.flow.message_claims.changed.v1";

    private FlowEvents() {
    }

    /** Data of {@code ft9.flow.run.started.v1}: {@code messageId} names the contact's message that started it, if one did. */
    @RegisterForReflection
    public record RunStartedV1(UUID orgId, UUID automationId, String automationName, UUID runId, String trigger, UUID messageId) {
    }

    /**
     * Data of {@code ft9.flow.run.succeeded.v1}. A run done whole in the transaction that started it is announced by this
     * event alone, which then also says what started it ({@code automationName}, {@code trigger}, {@code messageId}:
     * optional fields, absent when a {@code run.started} came before).
     */
    @RegisterForReflection
    public record RunSucceededV1(UUID orgId, UUID automationId, UUID runId, String automationName, String trigger, UUID messageId) {
    }

    /** Data of {@code ft9.flow.run.failed.v1}. */
    @RegisterForReflection
    public record RunFailedV1(UUID orgId, UUID automationId, UUID runId, int step, String stepType, String error) {
    }

    /**
     * Data of {@code ft9.flow.conversation.handoff_requested.v1} (same shape as memory-service's); {@code messageId}
     * (optional) the contact's message that started the run, for that message's journey.
     */
    @RegisterForReflection
    public record HandoffRequestedV1(UUID orgId, UUID conversationId, UUID contactId, String waId, String reason, String message,
            UUID messageId) {
    }

    /**
     * Data of {@code ft9.flow.contact.erased.v1}: flow-service removed what it kept about the contact of the erasure
     * (fields, tags, the data of their automation runs).
     */
    @RegisterForReflection
    public record ContactErasedV1(UUID erasureId, UUID orgId, UUID contactId, String service, OffsetDateTime erasedAt) {
    }

    /** A template named in a send command. */
    @RegisterForReflection
    public record Template(String name, String language, List<String> bodyParameters) {
    }

    /** Data of {@code ft9.whatsapp.command.send_message.v1}, origin flow; {@code inReplyToMessageId}: the message that started the run. */
    @RegisterForReflection
    public record SendMessageV1(UUID commandId, UUID orgId, UUID contactId, String waId, UUID conversationId, String origin,
            String kind, String text, Template template, UUID inReplyToMessageId) {
    }

    /**
     * Data of {@code ft9.flow.message_claims.changed.v1}: every message the organisation's automations answer by
     * themselves, as of {@code at} (the whole set: the latest replaces the one before; empty when none claims any).
     */
    @RegisterForReflection
    public record MessageClaimsChangedV1(UUID orgId, List<MessageClaim> claims, OffsetDateTime at) {
    }
}
