package br.ft9.flow.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.common.text.MessageText;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What contacts do on WhatsApp, as triggers: a message keeps the engine's contact and starts the matching
 * {@code contact_created} and {@code message_received} automations, a closed conversation starts
 * {@code conversation_closed} ones, and opted-out contacts start nothing. Runs are unique per trigger event, so the
 * caller's once-only transaction makes a redelivery start nothing twice.
 */
@ApplicationScoped
public class ContactTriggers {


    /** A message and the id of the event that brought it, which its runs are unique by. */
    public record Received(String eventId, InboundMessage message) {
    }

    /** A contact's message, as the trigger reads it. */
    public record InboundMessage(UUID orgId, UUID messageId, UUID contactId, String waId, String profileName, String type,
            String text, String waMessageId, OffsetDateTime sentAt, UUID conversationId) {
    }

    private final ContactsSeen contacts;
    private final OpeningHoursCopies hours;
    private final RunStarter runs;
    private final ObjectMapper json;
    private final Clock clock;

    public ContactTriggers(ContactsSeen contacts, OpeningHoursCopies hours, RunStarter runs, ObjectMapper json, Clock clock) {
        this.contacts = contacts;
        this.hours = hours;
        this.runs = runs;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A batch's messages, in its order, in the caller's transaction: each as {@link #messageReceived}, with the runs they
     * start written together at the end ({@link RunStarter#together}), which may refuse them all (the caller then gives
     * them one at a time).
     */
    public Uni<Void> messagesReceived(List<Received> messages) {
        if (messages.size() == 1) {
            return messageReceived(messages.get(0).eventId(), messages.get(0).message());
        }
        return runs.together(() -> Multi.createFrom().iterable(messages)
                .onItem().transformToUniAndConcatenate(received -> messageReceived(received.eventId(), received.message()))
                .collect().last().replaceWithVoid());
    }

    public Uni<Void> messageReceived(String eventId, InboundMessage m) {
        OffsetDateTime at = m.sentAt() == null ? OffsetDateTime.now(clock) : m.sentAt();
        return contacts.wrote(m.orgId(), m.waId(), m.contactId(), m.profileName(), at).chain(seen -> {
            if (seen.optedOut()) {
                return Uni.createFrom().voidItem(); // opted-out contacts get nothing
            }
            ObjectNode facts = json.createObjectNode();
            ObjectNode trigger = facts.putObject("trigger");
            trigger.put("type", "message_received").put("text", m.text()).put("messageType", m.type())
                    .put("messageId", text(m.messageId())).put("waMessageId", m.waMessageId()).put("firstMessage", seen.first());
            if (m.conversationId() != null) {
                trigger.put("conversationId", m.conversationId().toString());
            }
            ObjectNode who = facts.putObject("contact");
            who.put("waId", m.waId()).put("name", m.profileName()).put("contactId", text(m.contactId())).put("tags", seen.tags());
            try {
                who.set("fields", json.readTree(seen.fieldsJson()));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                who.putObject("fields");
            }
            Uni<Void> created = seen.first() ? runs.start(m.orgId(), "contact_created", eventId + ":contact", m.waId(), facts,
                    definition -> true) : Uni.createFrom().voidItem();
            MessageText said = MessageText.of(m.text());
            return created.chain(() -> hours.openNow(m.orgId(), clock)).chain(open -> runs.start(m.orgId(), "message_received", eventId,
                    m.waId(), facts, definition -> definition.trigger().matchesMessage(said, seen.first(), open)));
        });
    }

    /** A conversation closed by a person: satisfaction surveys and the like, for contacts who have not opted out. */
    public Uni<Void> conversationClosed(String eventId, UUID orgId, UUID conversationId, UUID contactId, String waId) {
        return contacts.find(orgId, waId).chain(seen -> {
            if (seen != null && seen.optedOut()) {
                return Uni.createFrom().voidItem();
            }
            ObjectNode facts = json.createObjectNode();
            facts.putObject("trigger").put("type", "conversation_closed").put("conversationId", text(conversationId));
            ObjectNode who = facts.putObject("contact").put("waId", waId).put("contactId", text(contactId));
            if (seen != null) {
                who.put("name", seen.name()).put("tags", seen.tags());
            }
            return runs.start(orgId, "conversation_closed", eventId, waId, facts, definition -> true);
        });
    }

    public Uni<Void> optedOut(UUID orgId, String waId, UUID contactId, boolean optedOut) {
        return contacts.optOut(orgId, waId, contactId, optedOut);
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
