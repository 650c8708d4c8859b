package br.ft9.flow.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.EventRoutes;
import br.ft9.flow.domain.ContactData;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.flow.domain.ContactTriggers;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * What contacts do on WhatsApp (from whatsapp-gateway, on {@code ft9.whatsapp.inbound}): keeps the engine's contact
 * (last message, opt-out) and starts the runs of the organisation's active {@code message_received} automations
 * that match. Delivery statuses travel on another topic and never count as messages. In one transaction with the
 * record of the event, so a redelivered message starts nothing twice (and each run is unique per trigger event).
 */
@ApplicationScoped
public class InboundEventsConsumer {

    static final String CONSUMER = "flow.inbound";
    static final String RECEIVED = "ft9.whatsapp.message.received.v1";
    static final String OPTED_OUT = "ft9.whatsapp.contact.opted_out.v1";
    static final String OPTED_IN = "ft9.whatsapp.contact.opted_in.v1";

    /** flow-service's reading of {@code message.received}. */
    @RegisterForReflection
    public record MessageReceived(UUID orgId, UUID messageId, UUID contactId, String waId, String profileName, String type,
            String text, String waMessageId, OffsetDateTime sentAt, UUID conversationId, String conversationMode) {

        ContactTriggers.InboundMessage toMessage() {
            return new ContactTriggers.InboundMessage(orgId, messageId, contactId, waId, profileName, type, text, waMessageId, sentAt,
                    conversationId);
        }
    }

    /** flow-service's reading of {@code contact.opted_out} / {@code opted_in}. */
    @RegisterForReflection
    public record ContactOptOut(UUID orgId, UUID contactId, String waId, boolean optedOut) {
    }

    /** flow-service's reading of {@code conversation.closed}. */
    @RegisterForReflection
    public record ConversationClosed(UUID orgId, UUID conversationId, UUID contactId, String waId, UUID byUserId) {
    }

    static final String CLOSED = "ft9.whatsapp.conversation.closed.v1";

    private final EventRoutes routes;

    /** flow-service's reading of the gateway's {@code contact.erasure_requested}. */
    @RegisterForReflection
    public record ErasureRequested(UUID erasureId, UUID orgId, UUID contactId, String waId) {
    }

    static final String ERASURE_REQUESTED = "ft9.whatsapp.contact.erasure_requested.v1";

    public InboundEventsConsumer(ProcessedEvents processed, ContactTriggers triggers, ContactData contacts, ObjectMapper json) {
        this.routes = EventRoutes.of(CONSUMER, processed, json)
                .onceTogether(List.of(RECEIVED), MessageReceived.class, arrivals -> triggers.messagesReceived(arrivals.stream()
                        .map(arrival -> new ContactTriggers.Received(arrival.event().id(), arrival.data().toMessage())).toList()))
                .once(List.of(CLOSED), ConversationClosed.class, (event, closed) -> triggers.conversationClosed(event.id(),
                        closed.orgId(), closed.conversationId(), closed.contactId(), closed.waId()))
                .once(List.of(OPTED_OUT, OPTED_IN), ContactOptOut.class, (event, change) -> triggers.optedOut(change.orgId(),
                        change.waId(), change.contactId(), change.optedOut()))
                // After every earlier message of the contact (same partition): no run of theirs keeps their data.
                .once(List.of(ERASURE_REQUESTED), ErasureRequested.class, (event, erasure) -> contacts.erase(erasure.erasureId(),
                        erasure.orgId(), erasure.contactId(), erasure.waId()));
    }

    /**
     * In batches (the channel's {@code batch=true}): a batch's messages applied one by one, in its order, in one
     * transaction with the records of their ids, so that under load a commit carries many runs instead of one; the runs
     * that consecutive messages start are written together at the end of them (a few statements, not several a run).
     */
    @Incoming("inbound")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return routes.consume(batch);
    }
}
