package br.ft9.gateway.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.common.errors.Conflict;
import br.ft9.common.errors.NotFound;
import br.ft9.common.outbox.Outbox;
import br.ft9.gateway.events.ContactErasureRequestedV1;
import br.ft9.common.audit.Actor;
import br.ft9.common.audit.AuditAction;
import br.ft9.common.audit.AuditTrail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A contact's rights under the LGPD: to see everything the platform keeps about them (one JSON document gathered from
 * each service's own store) and to have it erased (the gateway at once, the other services on the erasure event, each
 * confirming; the request completes when every service that keeps contact data has).
 */
@ApplicationScoped
public class ContactPrivacy {

    private static final Logger LOG = Logger.getLogger(ContactPrivacy.class);

    /**
     * The services that keep data about contacts and confirm an erasure. auth-service keeps the organisation's staff
     * only, billing-service counts per organisation: neither keeps anything about a contact.
     */
    public static final List<String> KEEPERS = List.of("whatsapp-gateway", "memory-service", "flow-service", "tenant-service");
    static final String SELF = "whatsapp-gateway";

    /** An erasure as it stands: who confirmed when, who is still to. */
    public record Erasure(UUID id, UUID contactId, OffsetDateTime requestedAt, OffsetDateTime completedAt,
            Map<String, OffsetDateTime> confirmed, List<String> waitingFor) {

        public boolean complete() {
            return completedAt != null;
        }
    }

    private final ContactDataStore store;
    private final ContactDataElsewhere elsewhere;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final AuditTrail audit;
    private final MediaLookup media;

    /** A media file of the contact's, downloaded from Meta for the archive. */
    public record MediaFile(UUID messageId, String mimeType, byte[] bytes) {
    }

    /** A media file the archive could not hold, and why (Meta no longer has it, the number was disconnected, too large). */
    public record MissingMedia(UUID messageId, String reason) {
    }

    /** The export with the contact's media files: the document, the files, and the ones that could not be fetched. */
    public record Archive(JsonNode document, List<MediaFile> files, List<MissingMedia> missing) {
    }

    private static final java.util.Set<String> MEDIA_TYPES = java.util.Set.of("image", "audio", "video", "document", "sticker");

    public ContactPrivacy(ContactDataStore store, ContactDataElsewhere elsewhere, Outbox outbox, ObjectMapper json, Clock clock,
            AuditTrail audit, MediaLookup media) {
        this.audit = audit;
        this.media = media;
        this.store = store;
        this.elsewhere = elsewhere;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** Everything the platform keeps about the contact, as one document; whole, or refused while a service cannot answer. */
    public Uni<JsonNode> export(UUID orgId, UUID contactId, String bearerToken) {
        Actor actor = AuditTrail.currentActor(); // read now: the export is written down after the other services answered
        return gather(orgId, contactId, bearerToken)
                // Handed out only once the trail says who took it.
                .call(document -> exported(actor, orgId, contactId, document, 0));
    }

    /**
     * The export and the contact's media files as Meta still keeps them (Meta deletes media after 30 days), one after the
     * other, each at most {@code maxFileBytes} and all together at most {@code maxTotalBytes}; what cannot be fetched
     * is named with the reason instead of failing the whole archive.
     */
    public Uni<Archive> exportWithMedia(UUID orgId, UUID contactId, String bearerToken, long maxFileBytes, long maxTotalBytes) {
        Actor actor = AuditTrail.currentActor();
        return gather(orgId, contactId, bearerToken).chain(document -> {
            List<MediaFile> files = new java.util.ArrayList<>();
            List<MissingMedia> missing = new java.util.ArrayList<>();
            long[] total = { 0 };
            List<JsonNode> withMedia = new java.util.ArrayList<>();
            document.path("messages").forEach(m -> {
                if (WhatsAppMessage.IN.equals(m.path("direction").asText()) && MEDIA_TYPES.contains(m.path("type").asText())
                        && m.hasNonNull("conversationId")) {
                    withMedia.add(m);
                }
            });
            return io.smallrye.mutiny.Multi.createFrom().iterable(withMedia).onItem().transformToUniAndConcatenate(m -> {
                UUID messageId = UUID.fromString(m.path("id").asText());
                if (total[0] >= maxTotalBytes) {
                    missing.add(new MissingMedia(messageId, "the archive reached its size limit; open it in the conversation"));
                    return Uni.createFrom().voidItem();
                }
                return media.content(orgId, UUID.fromString(m.path("conversationId").asText()), messageId,
                        Math.min(maxFileBytes, maxTotalBytes - total[0]))
                        .invoke(content -> {
                            files.add(new MediaFile(messageId, content.mimeType(), content.bytes()));
                            total[0] += content.bytes().length;
                        })
                        .replaceWithVoid()
                        .onFailure().recoverWithItem(failure -> {
                            missing.add(new MissingMedia(messageId, failure.getMessage()));
                            return null;
                        });
            }).collect().last().map(done -> new Archive(document, List.copyOf(files), List.copyOf(missing)));
        }).call(archive -> exported(actor, orgId, contactId, archive.document(), archive.files().size()));
    }

    private Uni<Void> exported(Actor actor, UUID orgId, UUID contactId, JsonNode document, int mediaFiles) {
        return Panache.withTransaction(() -> audit.record(actor, orgId, AuditAction.CONTACT_EXPORTED, "contact", contactId, null,
                Map.of("messages", document.path("messages").size(), "conversations", document.path("conversations").size(),
                        "mediaFiles", mediaFiles)));
    }

    private Uni<JsonNode> gather(UUID orgId, UUID contactId, String bearerToken) {
        return Panache.withSession(() -> contact(orgId, contactId).chain(contact -> Conversation.<Conversation>list(
                "orgId = ?1 and contactId = ?2 order by openedAt", orgId, contactId)
                .chain(conversations -> WhatsAppMessage.<WhatsAppMessage>list("orgId = ?1 and contactId = ?2 order by sentAt, createdAt",
                        orgId, contactId)
                        .chain(messages -> store.journeySteps(orgId, contactId)
                                .map(steps -> ownPart(orgId, contact, conversations, messages, steps))))))
                .chain(document -> {
                    String waId = document.path("contact").path("waId").asText(null);
                    return elsewhere.memory(contactId, waId, bearerToken)
                            .chain(memory -> elsewhere.flow(contactId, waId, bearerToken).map(flow -> {
                                document.set("assistant", memory);
                                document.set("automations", flow);
                                return (JsonNode) document;
                            }));
                });
    }

    /**
     * Erases the contact in the gateway now (in the same transaction as the request and its event) and asks the other
     * services to; 409 if the contact was erased already.
     */
    public Uni<Erasure> requestErasure(UUID orgId, UUID contactId, UUID requestedBy) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> contact(orgId, contactId).chain(contact -> {
            if (contact.erasedAt != null) {
                return Uni.createFrom().failure(new Conflict("contact", "the contact's data was erased already"));
            }
            ContactErasure erasure = new ContactErasure();
            erasure.id = UUID.randomUUID();
            erasure.orgId = orgId;
            erasure.contactId = contactId;
            erasure.requestedBy = requestedBy;
            erasure.requestedAt = now;
            String waId = contact.waId;
            return erasure.persistAndFlush()
                    .chain(() -> outbox.append(ContactErasureRequestedV1.TOPIC, ContactErasureRequestedV1.TYPE, orgId, orgId + ":" + waId,
                            new ContactErasureRequestedV1(erasure.id, orgId, contactId, waId, now)))
                    .chain(() -> Panache.getSession().chain(session -> session.flush()))
                    .chain(() -> store.erase(orgId, contactId, waId))
                    .chain(erased -> outbox.forgetPublished(orgId, waId, contactId.toString()).invoke(events -> LOG.infof(
                            "contact %s of organisation %s erased in the gateway: %d messages, %d conversations, %d journey steps,"
                                    + " %d published events", contactId, orgId, erased.messages(), erased.conversations(),
                            erased.journeySteps(), events)))
                    .chain(() -> store.confirm(erasure.id, SELF, now))
                    .call(() -> audit.record(orgId, AuditAction.CONTACT_ERASURE_REQUESTED, "contact", contactId, null,
                            Map.of("erasureId", erasure.id.toString())))
                    .map(confirmed -> erasure(erasure, confirmed));
        }));
    }

    /**
     * An erasure of the organisation's, as it stands. The confirmations are read before the request: the last one commits
     * with the request's completion, so a request read after them is complete whenever they all are (read the other way
     * round, a confirmation committing in between showed nobody left to wait for on a request still in progress).
     */
    public Uni<Erasure> erasure(UUID orgId, UUID erasureId) {
        return Panache.withSession(() -> store.confirmations(erasureId).chain(confirmed -> ContactErasure.<ContactErasure>find(
                        "id = ?1 and orgId = ?2", erasureId, orgId).firstResult()
                .onItem().ifNull().failWith(() -> new NotFound("no such erasure request"))
                .map(erasure -> erasure(erasure, confirmed))));
    }

    /**
     * A service confirmed its part; the erasure completes with the last one. Inside the consumer's transaction. The
     * erasure's row is locked first: confirmations arrive on three topics, each consumer in its own transaction, and two
     * arriving together would each see only its own confirmation and neither complete the erasure.
     */
    public Uni<Void> confirmed(UUID orgId, UUID erasureId, String service, OffsetDateTime at) {
        return ContactErasure.<ContactErasure>find("id = ?1 and orgId = ?2", erasureId, orgId)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult().chain(erasure -> {
            if (erasure == null) {
                LOG.warnf("%s confirmed erasure %s, which organisation %s did not ask for; ignored", service, erasureId, orgId);
                return Uni.createFrom().voidItem();
            }
            return store.confirm(erasureId, service, at).chain(confirmed -> {
                if (erasure.completedAt == null && confirmed.keySet().containsAll(KEEPERS)) {
                    erasure.completedAt = OffsetDateTime.now(clock);
                    LOG.infof("erasure %s of organisation %s complete: every service confirmed", erasureId, orgId);
                }
                return Uni.createFrom().voidItem();
            });
        });
    }

    private static Uni<Contact> contact(UUID orgId, UUID contactId) {
        return Contact.<Contact>find("id = ?1 and orgId = ?2", contactId, orgId).firstResult()
                .onItem().ifNull().failWith(() -> new NotFound("no such contact"));
    }

    private static Erasure erasure(ContactErasure erasure, Map<String, OffsetDateTime> confirmed) {
        return new Erasure(erasure.id, erasure.contactId, erasure.requestedAt, erasure.completedAt, new java.util.TreeMap<>(confirmed),
                KEEPERS.stream().filter(service -> !confirmed.containsKey(service)).toList());
    }

    private ObjectNode ownPart(UUID orgId, Contact contact, List<Conversation> conversations, List<WhatsAppMessage> messages,
            List<ContactDataStore.JourneyStep> steps) {
        ObjectNode document = json.createObjectNode();
        document.put("exportedAt", OffsetDateTime.now(clock).toString());
        document.put("organisationId", orgId.toString());
        ObjectNode person = document.putObject("contact");
        person.put("id", contact.id.toString());
        person.put("waId", contact.erasedAt == null ? contact.waId : null);
        person.put("profileName", contact.profileName);
        person.put("optedOut", contact.optedOut);
        person.put("lastInboundAt", text(contact.lastInboundAt));
        person.put("createdAt", text(contact.createdAt));
        person.put("erasedAt", text(contact.erasedAt));
        ArrayNode talks = document.putArray("conversations");
        for (Conversation c : conversations) {
            ObjectNode talk = talks.addObject();
            talk.put("id", c.id.toString());
            talk.put("status", c.status);
            talk.put("mode", c.mode);
            talk.put("handoffReason", c.handoffReason);
            talk.putPOJO("labels", c.labels);
            talk.put("openedAt", text(c.openedAt));
            talk.put("closedAt", text(c.closedAt));
        }
        ArrayNode sent = document.putArray("messages");
        for (WhatsAppMessage m : messages) {
            ObjectNode message = sent.addObject();
            message.put("id", m.id.toString());
            message.put("conversationId", m.conversationId == null ? null : m.conversationId.toString());
            message.put("direction", m.direction);
            message.put("origin", m.origin);
            message.put("type", m.type);
            message.put("text", m.text);
            message.put("status", m.status);
            message.put("sentAt", text(m.sentAt));
            // Meta's own message object: the media references (ids, captions, file names) are in it.
            message.set("whatsapp", read(m.payload));
        }
        ArrayNode journeys = document.putArray("journeys");
        for (ContactDataStore.JourneyStep step : steps) {
            ObjectNode s = journeys.addObject();
            s.put("messageId", step.messageId().toString());
            s.put("kind", step.kind());
            s.put("at", text(step.at()));
            s.set("detail", read(step.detail()));
        }
        return document;
    }

    private JsonNode read(String text) {
        try {
            return text == null ? json.nullNode() : json.readTree(text);
        } catch (Exception e) {
            return json.getNodeFactory().textNode(text);
        }
    }

    private static String text(OffsetDateTime at) {
        return at == null ? null : at.toString();
    }
}
