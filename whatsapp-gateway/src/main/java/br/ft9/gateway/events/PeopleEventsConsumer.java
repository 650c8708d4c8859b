package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.Delivered;
import br.ft9.common.inbox.EventRoutes;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.gateway.domain.ContactPrivacy;
import br.ft9.gateway.domain.Conversations;
import br.ft9.gateway.domain.Directory;
import br.ft9.gateway.domain.Journeys;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the gateway learns from other services about people and messages: auth-service's users (who may be assigned
 * a conversation), hand-off requests (the assistant or an automation asks for a person), and what became of each
 * contact's message (answered, handed off, automations started and ended) for its journey. Applied once by event id,
 * acknowledged after commit.
 */
@ApplicationScoped
public class PeopleEventsConsumer {

    static final String USERS = "gateway.auth-events";
    static final String HANDOFFS = "gateway.memory-events";
    static final String FLOW_HANDOFFS = "gateway.flow-events";
    static final String FLOW_HANDOFF_TYPE = "ft9.flow.conversation.handoff_requested.v1";
    static final String ANSWER_GIVEN = "ft9.memory.answer.given.v1";
    static final String RUN_STARTED = "ft9.flow.run.started.v1";
    static final String RUN_SUCCEEDED = "ft9.flow.run.succeeded.v1";
    static final String RUN_FAILED = "ft9.flow.run.failed.v1";

    /** The gateway's reading of memory-service's answer.given. */
    @RegisterForReflection
    record AnswerGiven(UUID orgId, UUID messageId, UUID commandId, String mode, java.util.List<String> sources) {
    }

    /** The gateway's reading of flow-service's run events. */
    @RegisterForReflection
    record RunEvent(UUID orgId, UUID automationId, String automationName, UUID runId, String trigger, UUID messageId,
            String stepType, String error) {
    }

    private final EventRoutes users;
    private final EventRoutes flow;
    private final EventRoutes memory;
    private final Journeys journeys;

    public PeopleEventsConsumer(ProcessedEvents processed, Directory directory, Conversations conversations, Journeys journeys,
            ContactPrivacy privacy, ObjectMapper json) {
        this.journeys = journeys;
        this.users = EventRoutes.of(USERS, processed, json).once(UserEventV1.TYPES, UserEventV1.class,
                (event, user) -> directory.keepMember(user.userId(), user.orgId(), user.role(), user.status()));
        // An automation's handoff_to_human step: the same as the assistant asking for a person.
        this.flow = EventRoutes.of(FLOW_HANDOFFS, processed, json)
                .once(List.of(FLOW_HANDOFF_TYPE), HandoffRequestedV1.class, (event, handoff) -> conversations.handoffRequested(handoff.orgId(),
                        handoff.conversationId(), handoff.contactId(), handoff.waId(), handoff.reason(), handoff.message())
                        .chain(() -> handoff.messageId() == null ? Uni.createFrom().voidItem() : journeys.record(handoff.orgId(),
                                handoff.messageId(), "handoff", "handed_off", Map.of("reason", String.valueOf(handoff.reason()),
                                        "by", "automation"), at(event))))
                // Runs' events in a batch, their steps in one statement and how they ended in another.
                .onceTogether(List.of(RUN_STARTED, RUN_SUCCEEDED, RUN_FAILED), RunEvent.class, this::runs)
                .once(List.of(ContactErasedV1.FLOW), ContactErasedV1.class, (event, erased) -> privacy.confirmed(erased.orgId(),
                        erased.erasureId(), "flow-service", erased.erasedAt() != null ? erased.erasedAt() : at(event)));
        this.memory = EventRoutes.of(HANDOFFS, processed, json)
                .once(List.of(HandoffRequestedV1.TYPE), HandoffRequestedV1.class, (event, handoff) -> conversations.handoffRequested(
                        handoff.orgId(), handoff.conversationId(), handoff.contactId(), handoff.waId(), handoff.reason(), handoff.message())
                        .chain(() -> journeys.record(handoff.orgId(), handoff.messageId(), "handoff", "handed_off",
                                Map.of("reason", String.valueOf(handoff.reason())), at(event))))
                // The answers of a batch in one statement.
                .onceTogether(List.of(ANSWER_GIVEN), AnswerGiven.class, answers -> journeys.record(answers.stream()
                        .map(given -> new Journeys.Happened(given.data().orgId(), given.data().messageId(), "answer", "answered",
                                Map.of("mode", String.valueOf(given.data().mode()), "sources", given.data().sources() == null
                                        ? List.of() : given.data().sources(), "commandId", String.valueOf(given.data().commandId())),
                                at(given.event())))
                        .toList(), List.of()))
                .once(List.of(ContactErasedV1.MEMORY), ContactErasedV1.class, (event, erased) -> privacy.confirmed(erased.orgId(),
                        erased.erasureId(), "memory-service", erased.erasedAt() != null ? erased.erasedAt() : at(event)));
    }

    /**
     * Runs' steps about their messages, then how they ended. A run done whole where it started is announced by
     * run.succeeded alone, which then names its message: its start is recorded from it too.
     */
    private Uni<Void> runs(List<EventRoutes.Arrival<RunEvent>> events) {
        List<Journeys.Happened> started = new ArrayList<>();
        List<Journeys.Ended> ended = new ArrayList<>();
        for (EventRoutes.Arrival<RunEvent> arrival : events) {
            RunEvent run = arrival.data();
            String type = arrival.event().type();
            if (RUN_STARTED.equals(type) || RUN_SUCCEEDED.equals(type) && run.messageId() != null) {
                started.add(new Journeys.Happened(run.orgId(), run.messageId(), run.runId().toString(), "automation_started",
                        Map.of("automationId", run.automationId(), "automationName", String.valueOf(run.automationName()), "runId",
                                run.runId()), at(arrival.event())));
            }
            if (RUN_SUCCEEDED.equals(type)) {
                ended.add(new Journeys.Ended(run.orgId(), run.runId().toString(), "automation_succeeded", Map.of("runId", run.runId()),
                        at(arrival.event())));
            } else if (RUN_FAILED.equals(type)) {
                ended.add(new Journeys.Ended(run.orgId(), run.runId().toString(), "automation_failed", Map.of("runId", run.runId(),
                        "stepType", String.valueOf(run.stepType()), "error", String.valueOf(run.error())), at(arrival.event())));
            }
        }
        return journeys.record(started, ended);
    }

    private static OffsetDateTime at(Delivered event) {
        return event.time().atOffset(ZoneOffset.UTC);
    }

    @Incoming("auth-events")
    public Uni<Void> users(Message<String> message) {
        return users.consume(message);
    }

    /** In batches (the channel's {@code batch=true}): runs' events of a batch recorded together. */
    @Incoming("flow-events")
    public Uni<Void> flowEvents(KafkaRecordBatch<String, String> batch) {
        return flow.consume(batch);
    }

    /** In batches too: answers of a batch recorded together, hand-offs one by one in the batch's transaction. */
    @Incoming("memory-events")
    public Uni<Void> memoryEvents(KafkaRecordBatch<String, String> batch) {
        return memory.consume(batch);
    }
}
