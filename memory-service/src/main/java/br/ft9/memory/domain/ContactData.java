package br.ft9.memory.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.common.outbox.Outbox;
import br.ft9.memory.events.ContactErasedV1;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What memory-service keeps about one contact (the assistant's recent turns with them, the questions of theirs it handed
 * off and what a person replied): read for the contact's export, erased at their request.
 */
@ApplicationScoped
public class ContactData {

    private static final Logger LOG = Logger.getLogger(ContactData.class);
    static final String SERVICE = "memory-service";

    private final ConversationTurns turns;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public ContactData(ConversationTurns turns, Outbox outbox, ObjectMapper json, Clock clock) {
        this.turns = turns;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** memory-service's part of the contact's export. */
    public Uni<JsonNode> export(UUID orgId, UUID contactId) {
        return turns.recent(orgId, contactId).chain(recent -> Panache.withSession(() -> KnowledgeGap.<KnowledgeGap>list(
                "orgId = ?1 and contactId = ?2 order by askedAt", orgId, contactId)).map(gaps -> {
                    ObjectNode part = json.createObjectNode();
                    ArrayNode conversation = part.putArray("recentTurns");
                    recent.forEach(turn -> conversation.addObject().put("role", turn.role()).put("text", turn.text()));
                    ArrayNode questions = part.putArray("unansweredQuestions");
                    for (KnowledgeGap gap : gaps) {
                        questions.addObject().put("question", gap.question).put("askedAt", String.valueOf(gap.askedAt))
                                .put("conversationId", gap.conversationId == null ? null : gap.conversationId.toString())
                                .put("personReplied", gap.answer);
                    }
                    return (JsonNode) part;
                }));
    }

    /**
     * Erases the contact's turns, handed-off questions and published events that named them, and confirms; inside the
     * consumer's transaction (the confirmation leaves through the outbox only if the erasure committed). The turns live
     * in Redis: a Redis outage fails the erasure, which is then tried again.
     */
    public Uni<Void> erase(UUID erasureId, UUID orgId, UUID contactId, String waId) {
        return turns.forget(orgId, contactId)
                .chain(() -> KnowledgeGap.delete("orgId = ?1 and contactId = ?2", orgId, contactId))
                .chain(gaps -> outbox.forgetPublished(orgId, contactId.toString(), waId)
                        .invoke(events -> LOG.infof("contact %s of organisation %s erased in memory-service: %d handed-off questions,"
                                + " %d published events", contactId, orgId, gaps, events)))
                .chain(() -> outbox.append(ContactErasedV1.TOPIC, ContactErasedV1.TYPE, orgId, new ContactErasedV1(erasureId, orgId,
                        contactId, SERVICE, OffsetDateTime.now(clock))))
                .replaceWithVoid();
    }
}
