package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
                .once(FLOW_HANDOFF_TYPE, HandoffRequestedV1.class, handoff -> conversations.handoffRequested(handoff.orgId(),
                        handoff.conversationId(), handoff.contactId(), handoff.waId(), handoff.reason(), handoff.message()))
                .once(List.of(RUN_STARTED), RunEvent.class, (event, run) -> started(run, at(event)))
                // A run done whole where it started is announced by run.succeeded alone, which then names its message.
                .once(List.of(RUN_SUCCEEDED), RunEvent.class, (event, run) -> (run.messageId() == null ? Uni.createFrom().voidItem()
                        : started(run, at(event))).chain(() -> journeys.recordEnd(run.orgId(), run.runId().toString(),
                                "automation_succeeded", Map.of("runId", run.runId()), at(event))))
                .once(List.of(RUN_FAILED), RunEvent.class, (event, run) -> journeys.recordEnd(run.orgId(), run.runId().toString(),
                        "automation_failed", Map.of("runId", run.runId(), "stepType", String.valueOf(run.stepType()), "error",
                                String.valueOf(run.error())), at(event)))
                .once(List.of(ContactErasedV1.FLOW), ContactErasedV1.class, (event, erased) -> privacy.confirmed(erased.orgId(),
                        erased.erasureId(), "flow-service", erased.erasedAt() != null ? erased.erasedAt() : at(event)));
        this.memory = EventRoutes.of(HANDOFFS, processed, json)
                .once(List.of(HandoffRequestedV1.TYPE), HandoffRequestedV1.class, (event, handoff) -> conversations.handoffRequested(
                        handoff.orgId(), handoff.conversationId(), handoff.contactId(), handoff.waId(), handoff.reason(), handoff.message())
                        .chain(() -> journeys.record(handoff.orgId(), handoff.messageId(), "handoff", "handed_off",
                                Map.of("reason", String.valueOf(handoff.reason())), at(event))))
                .once(List.of(ANSWER_GIVEN), AnswerGiven.class, (event, answer) -> journeys.record(answer.orgId(), answer.messageId(),
                        "answer", "answered", Map.of("mode", String.valueOf(answer.mode()), "sources",
                                answer.sources() == null ? List.of() : answer.sources(), "commandId", String.valueOf(answer.commandId())),
                        at(event)))
                .once(List.of(ContactErasedV1.MEMORY), ContactErasedV1.class, (event, erased) -> privacy.confirmed(erased.orgId(),
                        erased.erasureId(), "memory-service", erased.erasedAt() != null ? erased.erasedAt() : at(event)));
    }

    private Uni<Void> started(RunEvent run, OffsetDateTime at) {
        return journeys.record(run.orgId(), run.messageId(), run.runId().toString(), "automation_started", Map.of("automationId",
                run.automationId(), "automationName", String.valueOf(run.automationName()), "runId", run.runId()), at);
    }

    private static OffsetDateTime at(Delivered event) {
        return event.time().atOffset(ZoneOffset.UTC);
    }

    @Incoming("auth-events")
    public Uni<Void> users(Message<String> message) {
        return users.consume(message);
    }

    @Incoming("flow-events")
    public Uni<Void> flowHandoffs(Message<String> message) {
        return flow.consume(message);
    }

    @Incoming("memory-events")
    public Uni<Void> handoffs(Message<String> message) {
        return memory.consume(message);
    }
}
