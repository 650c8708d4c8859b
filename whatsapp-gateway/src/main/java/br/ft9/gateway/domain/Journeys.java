package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.errors.NotFound;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Where a contact's message went, from the services' events as they happened (never by asking them at read time): its
 * reception and Meta's redeliveries, the assistant's answer with its sources or its hand-off, the automations it started
 * and how their runs ended, and every reply sent for it with its delivery status.
 */
@ApplicationScoped
public class Journeys {

    /** One thing that happened to the message. */
    public record Step(OffsetDateTime at, String kind, JsonNode detail) {
    }

    /** A reply sent for the message, as it stands. */
    public record Reply(UUID id, String origin, String text, String status, String statusReason, OffsetDateTime sentAt,
            OffsetDateTime statusAt) {
    }

    public record Journey(UUID messageId, UUID conversationId, String text, OffsetDateTime receivedAt, int duplicateDeliveries,
            List<Step> steps, List<Reply> replies) {
    }

    private final ObjectMapper json;

    public Journeys(ObjectMapper json) {
        this.json = json;
    }

    /** Records a step about the message; a redelivered event records nothing new. Call inside a transaction. */
    public Uni<Void> record(UUID orgId, UUID messageId, String ref, String kind, Object detail, OffsetDateTime at) {
        if (messageId == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into message_journey (org_id, message_id, ref, kind, detail, at)"
                + " values (:org, :message, :ref, :kind, :detail, :at) on conflict do nothing").setParameter("org", orgId)
                .setParameter("message", messageId).setParameter("ref", ref).setParameter("kind", kind)
                .setParameter("detail", write(detail)).setParameter("at", at).executeUpdate()).replaceWithVoid();
    }

    /** Records how a step that was about some message ended (a run), next to that step. */
    public Uni<Void> recordEnd(UUID orgId, String ref, String kind, Object detail, OffsetDateTime at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into message_journey (org_id, message_id, ref, kind, detail, at)"
                + " select org_id, message_id, :endRef, :kind, :detail, :at from message_journey where org_id = :org and ref = :ref"
                + " on conflict do nothing").setParameter("org", orgId).setParameter("ref", ref).setParameter("endRef", ref + "/end")
                .setParameter("kind", kind).setParameter("detail", write(detail)).setParameter("at", at).executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Journey> of(UUID orgId, UUID conversationId, UUID messageId) {
        return Panache.withSession(() -> WhatsAppMessage.<WhatsAppMessage>find("orgId = ?1 and conversationId = ?2 and id = ?3"
                + " and direction = ?4", orgId, conversationId, messageId, WhatsAppMessage.IN).firstResult()
                .onItem().ifNull().failWith(() -> new NotFound("no such message in this conversation"))
                .chain(message -> Panache.getSession().chain(s -> s.createNativeQuery("select kind, detail, at from message_journey"
                        + " where org_id = :org and message_id = :message", Object[].class).setParameter("org", orgId)
                        .setParameter("message", messageId).getResultList())
                        .chain(rows -> WhatsAppMessage.<WhatsAppMessage>list("orgId = ?1 and inReplyToMessageId = ?2 order by sentAt",
                                orgId, messageId).map(replies -> journey(message, rows, replies)))));
    }

    private Journey journey(WhatsAppMessage message, List<Object[]> rows, List<WhatsAppMessage> replies) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(message.createdAt, "received", json.createObjectNode().put("waMessageId", message.waMessageId)
                .put("duplicateDeliveries", message.duplicateDeliveries)));
        for (Object[] row : rows) {
            steps.add(new Step(time(row[2]), (String) row[0], read((String) row[1])));
        }
        for (WhatsAppMessage reply : replies) {
            steps.add(new Step(reply.createdAt, "reply", json.createObjectNode().put("replyId", reply.id.toString())
                    .put("origin", reply.origin).put("status", reply.status)));
        }
        steps.sort(Comparator.comparing(Step::at));
        return new Journey(message.id, message.conversationId, message.text, message.createdAt, message.duplicateDeliveries, steps,
                replies.stream().map(r -> new Reply(r.id, r.origin, r.text, r.status, r.statusReason, r.sentAt, r.statusAt)).toList());
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }

    private String write(Object detail) {
        try {
            return detail == null ? null : json.writeValueAsString(detail);
        } catch (Exception e) {
            return null;
        }
    }

    private JsonNode read(String text) {
        try {
            return text == null ? json.nullNode() : json.readTree(text);
        } catch (Exception e) {
            return json.nullNode();
        }
    }
}
