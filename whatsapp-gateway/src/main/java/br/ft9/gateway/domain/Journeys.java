package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
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

    private final JourneyStore store;
    private final ObjectMapper json;

    public Journeys(JourneyStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** A step about a message, named by {@code ref}; {@code detail} is written as JSON. */
    public record Happened(UUID orgId, UUID messageId, String ref, String kind, Object detail, OffsetDateTime at) {
    }

    /** How the step named {@code ref} ended. */
    public record Ended(UUID orgId, String ref, String kind, Object detail, OffsetDateTime at) {
    }

    /** Records a step about the message; a redelivered event records nothing new. Call inside a transaction. */
    public Uni<Void> record(UUID orgId, UUID messageId, String ref, String kind, Object detail, OffsetDateTime at) {
        return record(List.of(new Happened(orgId, messageId, ref, kind, detail, at)), List.of());
    }

    /**
     * Records steps (those about no message are left out), then how steps ended, each next to its step, a statement
     * each for all: a batch of events in two statements. Call inside a transaction.
     */
    public Uni<Void> record(List<Happened> steps, List<Ended> ends) {
        List<JourneyStore.NewStep> kept = steps.stream().filter(step -> step.messageId() != null).map(step -> new JourneyStore.NewStep(
                step.orgId(), step.messageId(), step.ref(), step.kind(), write(step.detail()), step.at())).toList();
        List<JourneyStore.StepEnd> endings = ends.stream().map(end -> new JourneyStore.StepEnd(end.orgId(), end.ref(), end.kind(),
                write(end.detail()), end.at())).toList();
        return store.keep(kept).chain(() -> store.keepEnds(endings));
    }

    public Uni<Journey> of(UUID orgId, UUID conversationId, UUID messageId) {
        return Panache.withSession(() -> WhatsAppMessage.<WhatsAppMessage>find("orgId = ?1 and conversationId = ?2 and id = ?3"
                + " and direction = ?4", orgId, conversationId, messageId, WhatsAppMessage.IN).firstResult()
                .onItem().ifNull().failWith(() -> new NotFound("no such message in this conversation"))
                .chain(message -> store.steps(orgId, messageId)
                        .chain(rows -> WhatsAppMessage.<WhatsAppMessage>list("orgId = ?1 and inReplyToMessageId = ?2 order by sentAt",
                                orgId, messageId).map(replies -> journey(message, rows, replies)))));
    }

    private Journey journey(WhatsAppMessage message, List<JourneyStore.Kept> kept, List<WhatsAppMessage> replies) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(message.createdAt, "received", json.createObjectNode().put("waMessageId", message.waMessageId)
                .put("duplicateDeliveries", message.duplicateDeliveries)));
        for (JourneyStore.Kept step : kept) {
            steps.add(new Step(step.at(), step.kind(), read(step.detail())));
        }
        for (WhatsAppMessage reply : replies) {
            steps.add(new Step(reply.createdAt, "reply", json.createObjectNode().put("replyId", reply.id.toString())
                    .put("origin", reply.origin).put("status", reply.status)));
        }
        steps.sort(Comparator.comparing(Step::at));
        return new Journey(message.id, message.conversationId, message.text, message.createdAt, message.duplicateDeliveries, steps,
                replies.stream().map(r -> new Reply(r.id, r.origin, r.text, r.status, r.statusReason, r.sentAt, r.statusAt)).toList());
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
