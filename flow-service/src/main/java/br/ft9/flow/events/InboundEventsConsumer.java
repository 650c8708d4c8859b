package br.ft9.flow.events;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.common.inbox.CloudEventInbox;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.common.tenant.OpeningHours;
import br.ft9.flow.domain.RunStarter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.quarkus.runtime.annotations.RegisterForReflection;

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

    private final ProcessedEvents processed;
    private final RunStarter runs;
    private final ObjectMapper json;

    public InboundEventsConsumer(ProcessedEvents processed, RunStarter runs, ObjectMapper json) {
        this.processed = processed;
        this.runs = runs;
        this.json = json;
    }

    @Incoming("inbound")
    public Uni<Void> consume(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> {
            if (RECEIVED.equals(ce.getType())) {
                return CloudEventInbox.data(json, payload, MessageReceived.class)
                        .chain(received -> processed.applyOnce(CONSUMER, ce, () -> received(ce, received)));
            }
            if (CLOSED.equals(ce.getType())) {
                return CloudEventInbox.data(json, payload, ConversationClosed.class).chain(closed -> processed.applyOnce(CONSUMER, ce,
                        () -> closed(ce, closed)));
            }
            if (OPTED_OUT.equals(ce.getType()) || OPTED_IN.equals(ce.getType())) {
                return CloudEventInbox.data(json, payload, ContactOptOut.class).chain(change -> processed.applyOnce(CONSUMER, ce,
                        () -> Panache.getSession().chain(s -> s.createNativeQuery("insert into flow_contact (org_id, wa_id, contact_id,"
                                + " opted_out, first_seen_at) values (:org, :wa, :contact, :out, now()) on conflict (org_id, wa_id)"
                                + " do update set opted_out = :out")
                                .setParameter("org", change.orgId()).setParameter("wa", change.waId())
                                .setParameter("contact", change.contactId()).setParameter("out", change.optedOut())
                                .executeUpdate()).replaceWithVoid()));
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> received(IncomingCloudEventMetadata<?> ce, MessageReceived m) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into flow_contact (org_id, wa_id, contact_id, name,"
                + " last_inbound_at, first_seen_at) values (:org, :wa, :contact, :name, :at, now()) on conflict (org_id, wa_id) do"
                + " update set contact_id = excluded.contact_id, name = coalesce(excluded.name, flow_contact.name),"
                + " last_inbound_at = greatest(flow_contact.last_inbound_at, excluded.last_inbound_at)"
                + " returning (xmax = 0), opted_out, fields, array_to_string(tags, ',')", Object[].class)
                .setParameter("org", m.orgId()).setParameter("wa", m.waId()).setParameter("contact", m.contactId())
                .setParameter("name", m.profileName()).setParameter("at", m.sentAt() == null ? OffsetDateTime.now(ZoneOffset.UTC) : m.sentAt())
                .getSingleResult())
                .chain(contact -> {
                    boolean first = Boolean.TRUE.equals(contact[0]);
                    boolean optedOut = Boolean.TRUE.equals(contact[1]);
                    if (optedOut) {
                        return Uni.createFrom().voidItem(); // opted-out contacts get nothing
                    }
                    ObjectNode facts = json.createObjectNode();
                    ObjectNode trigger = facts.putObject("trigger");
                    trigger.put("type", "message_received").put("text", m.text()).put("messageType", m.type())
                            .put("messageId", m.messageId() == null ? null : m.messageId().toString())
                            .put("waMessageId", m.waMessageId()).put("firstMessage", first);
                    if (m.conversationId() != null) {
                        trigger.put("conversationId", m.conversationId().toString());
                    }
                    ObjectNode who = facts.putObject("contact");
                    who.put("waId", m.waId()).put("name", m.profileName()).put("contactId", m.contactId() == null ? null : m.contactId().toString())
                            .put("tags", (String) contact[3]);
                    try {
                        who.set("fields", json.readTree((String) contact[2]));
                    } catch (Exception e) {
                        who.putObject("fields");
                    }
                    Uni<Void> created = first ? runs.start(m.orgId(), "contact_created", ce.getId() + ":contact", m.waId(), facts,
                            definition -> true) : Uni.createFrom().voidItem();
                    return created.chain(() -> withinHours(m.orgId()).chain(within -> runs.start(m.orgId(), "message_received",
                            ce.getId(), m.waId(), facts,
                            definition -> definition.trigger().matchesMessage(m.text(), first, within))));
                });
    }

    /** A conversation closed by a person: satisfaction surveys and the like, for contacts who have not opted out. */
    private Uni<Void> closed(IncomingCloudEventMetadata<?> ce, ConversationClosed closed) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select name, opted_out, fields, array_to_string(tags, ',')"
                + " from flow_contact where org_id = :org and wa_id = :wa", Object[].class)
                .setParameter("org", closed.orgId()).setParameter("wa", closed.waId()).getResultList())
                .chain(rows -> {
                    if (!rows.isEmpty() && Boolean.TRUE.equals(rows.get(0)[1])) {
                        return Uni.createFrom().voidItem();
                    }
                    ObjectNode facts = json.createObjectNode();
                    facts.putObject("trigger").put("type", "conversation_closed")
                            .put("conversationId", closed.conversationId() == null ? null : closed.conversationId().toString());
                    ObjectNode who = facts.putObject("contact").put("waId", closed.waId())
                            .put("contactId", closed.contactId() == null ? null : closed.contactId().toString());
                    if (!rows.isEmpty()) {
                        who.put("name", (String) rows.get(0)[0]).put("tags", (String) rows.get(0)[3]);
                    }
                    return runs.start(closed.orgId(), "conversation_closed", ce.getId(), closed.waId(), facts, definition -> true);
                });
    }

    private static Uni<Boolean> withinHours(UUID orgId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select time_zone, business_hours from organization_profile"
                + " where org_id = :org", Object[].class).setParameter("org", orgId).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return true;
                    }
                    ZoneId zone;
                    try {
                        zone = ZoneId.of((String) rows.get(0)[0]);
                    } catch (Exception e) {
                        zone = ZoneId.of("America/Sao_Paulo");
                    }
                    return OpeningHours.parse((String) rows.get(0)[1]).openAt(ZonedDateTime.now(zone));
                });
    }
}
