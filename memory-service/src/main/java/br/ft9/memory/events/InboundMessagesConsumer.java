package br.ft9.memory.events;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.Delivered;
import br.ft9.common.inbox.EventRoutes;
import br.ft9.common.inbox.EventRoutes.Handled;
import br.ft9.memory.domain.ContactData;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.memory.domain.Assistant;
import br.ft9.memory.domain.KnowledgeGaps;
import br.ft9.memory.domain.Question;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * The gateway's messages to the {@link Assistant}: each contact's message is answered or handed off once (the reply is
 * worked out before, and recorded in the transaction that marks the event applied); a person's reply may be the answer
 * to a question the assistant could not give, and its knowledge gap keeps it.
 */
@ApplicationScoped
public class InboundMessagesConsumer {

    static final String CONSUMER = "memory.inbound-messages";

    private final EventRoutes routes;
    private final MeterRegistry meters;

    public InboundMessagesConsumer(Assistant assistant, KnowledgeGaps gaps, ContactData contacts, ProcessedEvents processed,
            ObjectMapper json, MeterRegistry meters) {
        this.meters = meters;
        EventRoutes routes = EventRoutes.of(CONSUMER, processed, json);
        routes.once(AgentRepliedV1.TYPE, AgentRepliedV1.class,
                reply -> gaps.personReplied(reply.orgId(), reply.conversationId(), reply.text(), reply.at()));
        // After every earlier message of the contact (same partition): nothing of theirs is kept once this is applied.
        routes.once(ContactErasureRequestedV1.TYPE, ContactErasureRequestedV1.class,
                erasure -> contacts.erase(erasure.erasureId(), erasure.orgId(), erasure.contactId(), erasure.waId()));
        routes.onceWorkedOut(MessageReceivedV1.TYPE, MessageReceivedV1.class, (event, received) -> {
            Question question = received.toQuestion();
            if (!question.forTheAssistant()) {
                return Uni.createFrom().item(Handled.applied());
            }
            // A redelivery of a message already answered does not ask the model again.
            return assistant.prepare(question, CONSUMER, event.id()).chain(reply -> {
                if (reply instanceof Assistant.AppliedBefore) {
                    return Uni.createFrom().item(Handled.applied());
                }
                if (!Assistant.writes(reply)) {
                    // Left to an automation, or silent: only the message's id to record, with the batch's others.
                    return Uni.createFrom().item(Handled.idOnly(() -> answered(event, reply)));
                }
                return routes.applyOnce(event, () -> assistant.record(question, reply))
                        .invoke(() -> answered(event, reply))
                        .chain(() -> assistant.remember(question, reply)).replaceWith(Handled.applied());
            });
        });
        this.routes = routes;
    }

    /**
     * In batches (the channel's {@code batch=true}), each message in its turn as alone (answered messages each in
     * their own transaction, after the ones before); the ids of the messages the assistant leaves alone (an
     * automation's, or auto-reply off) are recorded together at the batch's end, one transaction for all of them.
     */
    @Incoming("inbound-messages")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return routes.consume(batch);
    }

    /** How long the contact waited: from the gateway's event (the message stored) to the answer or hand-off committed. */
    private void answered(Delivered event, Assistant.Reply reply) {
        if (reply instanceof Assistant.LeftToAutomation) {
            meters.counter("ft9.memory.left.to.automations").increment();
        }
        if (reply instanceof Assistant.Answered answered) {
            // A histogram, so that dashboards and alerts read percentiles across replicas.
            Timer.builder("ft9.memory.answers").description("From the message stored at the gateway to its answer or hand-off")
                    .tag("outcome", answered.answer().handoff() ? "handoff" : "answered").publishPercentileHistogram().register(meters)
                    .record(Duration.between(event.time(), Instant.now()));
        }
    }
}
