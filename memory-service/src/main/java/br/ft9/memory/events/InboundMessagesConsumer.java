package br.ft9.memory.events;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.CloudEventInbox;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.common.outbox.Outbox;
import br.ft9.memory.domain.Answers;
import br.ft9.memory.domain.KnowledgeGaps;
import br.ft9.memory.domain.OrganizationProfile;
import br.ft9.memory.infra.ConversationMemory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;

/**
 * The assistant on WhatsApp: answers each message a contact sends (unless a person has the conversation
 * or the organisation turned auto-reply off) with a send command to the gateway, or asks for a person and keeps the
 * question as a knowledge gap (with what a person then replies, from the gateway's agent replies).
 * The answer is worked out first; then, in one transaction, the event is recorded as processed and the
 * command (or hand-off) goes into the outbox, so a redelivered message is answered once.
 */
@ApplicationScoped
public class InboundMessagesConsumer {

    static final String CONSUMER = "memory.inbound-messages";

    private final Answers answers;
    private final ConversationMemory memory;
    private final ProcessedEvents processed;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final KnowledgeGaps gaps;

    public InboundMessagesConsumer(Answers answers, ConversationMemory memory, ProcessedEvents processed, Outbox outbox,
            ObjectMapper json, MeterRegistry meters, KnowledgeGaps gaps) {
        this.meters = meters;
        this.gaps = gaps;
        this.answers = answers;
        this.memory = memory;
        this.processed = processed;
        this.outbox = outbox;
        this.json = json;
    }

    @Incoming("inbound-messages")
    public Uni<Void> consume(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> {
            if (AgentRepliedV1.TYPE.equals(ce.getType())) {
                // A person's reply may be the answer to a question the assistant could not give: the gap keeps it.
                return CloudEventInbox.data(json, payload, AgentRepliedV1.class).chain(reply -> processed.applyOnce(CONSUMER, ce,
                        () -> gaps.personReplied(reply.orgId(), reply.conversationId(), reply.text(), reply.at())));
            }
            if (!MessageReceivedV1.TYPE.equals(ce.getType())) {
                return Uni.createFrom().voidItem();
            }
            return CloudEventInbox.data(json, payload, MessageReceivedV1.class).chain(received -> {
                if ("HUMAN".equals(received.conversationMode()) || received.text() == null || received.text().isBlank()) {
                    return Uni.createFrom().voidItem(); // a person answers, or nothing to answer (a sticker, a location)
                }
                return seen(ce).chain(seen -> seen ? Uni.createFrom().voidItem()
                        : Panache.withSession(() -> OrganizationProfile.<OrganizationProfile>findById(received.orgId())
                                .chain(profile -> quotaReached(received.orgId()).map(quota -> quota ? QUOTA
                                        : profile != null && (!profile.autoReply || !"ACTIVE".equals(profile.status)) ? SILENT : ANSWER)))
                                .chain(decision -> switch (decision) {
                                    case SILENT -> processed.applyOnce(CONSUMER, ce, () -> Uni.createFrom().voidItem());
                                    case QUOTA -> processed.applyOnce(CONSUMER, ce, () -> handOffForQuota(received));
                                    default -> respond(ce, received);
                                }));
            });
        });
    }

    private static final String ANSWER = "answer";
    private static final String SILENT = "silent";
    private static final String QUOTA = "quota";

    /** Whether billing-service said the organisation reached this month's message quota. */
    private static Uni<Boolean> quotaReached(UUID orgId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select count(*) from answer_quota where org_id = :org"
                + " and exceeded_period = :period", Long.class).setParameter("org", orgId)
                .setParameter("period", YearMonth.now(ZoneOffset.UTC).toString()).getSingleResult()).map(n -> n > 0);
    }

    /** Over the quota the assistant stays silent and the conversation goes to a person, with no message to the contact. */
    private Uni<Void> handOffForQuota(MessageReceivedV1 received) {
        return outbox.append(HandoffRequestedV1.TOPIC, HandoffRequestedV1.TYPE, received.orgId(), received.orgId() + ":" + received.waId(),
                new HandoffRequestedV1(received.orgId(), received.conversationId(), received.contactId(), received.waId(),
                        "the plan's monthly message quota is reached", received.text(), null, java.util.List.of(),
                        received.messageId()))
                .replaceWithVoid();
    }

    private Uni<Boolean> seen(IncomingCloudEventMetadata<?> ce) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select count(*) from processed_event where consumer = :c and event_id = :id", Long.class)
                .setParameter("c", CONSUMER).setParameter("id", ce.getId()).getSingleResult()))
                .map(count -> count > 0);
    }

    private Uni<Void> respond(IncomingCloudEventMetadata<?> ce, MessageReceivedV1 received) {
        String key = received.orgId() + ":" + received.waId();
        return memory.recent(received.orgId(), received.contactId())
                .chain(turns -> answers.answer(received.orgId(), received.text(), turns))
                .chain(answer -> Panache.withTransaction(() -> processed.firstDelivery(CONSUMER, ce.getId(), ce.getType())
                        .chain(first -> {
                            if (!first) {
                                return Uni.createFrom().voidItem();
                            }
                            if (answer.handoff()) {
                                return outbox.append(HandoffRequestedV1.TOPIC, HandoffRequestedV1.TYPE, received.orgId(), key,
                                        new HandoffRequestedV1(received.orgId(), received.conversationId(), received.contactId(),
                                                received.waId(), "nothing relevant in the knowledge base", received.text(),
                                                answer.text(), answer.passages().stream().map(p -> p.item().id).distinct().toList(),
                                                received.messageId()))
                                        .chain(() -> gaps.record(received.orgId(), received.conversationId(), received.contactId(),
                                                received.messageId(), received.text()));
                            }
                            UUID commandId = UUID.randomUUID();
                            return outbox.append(SendMessageCommandV1.TOPIC, SendMessageCommandV1.TYPE, received.orgId(), key,
                                    new SendMessageCommandV1(commandId, received.orgId(), received.contactId(), received.waId(),
                                            received.conversationId(), received.phoneNumberId(), "bot", "text", answer.text(),
                                            received.waMessageId(), received.messageId()))
                                    .chain(() -> outbox.append(AnswerSentV1.TOPIC, AnswerSentV1.TYPE, received.orgId(), key,
                                            new AnswerSentV1(received.orgId(), received.conversationId(), received.contactId(),
                                                    commandId, answer.mode(),
                                                    answer.citations().stream().map(Answers.Citation::itemId).toList(),
                                                    received.messageId(),
                                                    answer.citations().stream().map(Answers.Citation::title).toList())))
                                    .chain(() -> countAnswer(received.orgId()));
                        }))
                        .invoke(() -> answered(ce, answer.handoff() ? "handoff" : "answered"))
                        .chain(() -> memory.remember(received.orgId(), received.contactId(), received.text(), answer.text())));
    }

    /** How long the contact waited: from the gateway's event (the message stored) to the answer or hand-off committed. */
    private void answered(IncomingCloudEventMetadata<?> ce, String outcome) {
        Instant since = ce.getTimeStamp().map(t -> t.toInstant()).orElse(null);
        if (since != null) {
            // A histogram, so that dashboards and alerts read percentiles across replicas.
            Timer.builder("ft9.memory.answers").description("From the message stored at the gateway to its answer or hand-off")
                    .tag("outcome", outcome).publishPercentileHistogram().register(meters)
                    .record(Duration.between(since, Instant.now()));
        }
    }

    /** One more answer this month for the organisation's quota. */
    private static Uni<Void> countAnswer(UUID orgId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into answer_usage (org_id, month, answers)"
                + " values (:org, :month, 1) on conflict (org_id, month) do update set answers = answer_usage.answers + 1")
                .setParameter("org", orgId).setParameter("month", YearMonth.now(ZoneOffset.UTC).toString())
                .executeUpdate()).replaceWithVoid();
    }
}
