package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.CloudEventInbox;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.gateway.domain.Conversations;
import br.ft9.gateway.domain.Journeys;
import br.ft9.gateway.domain.OrgMember;
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

    private final ProcessedEvents processed;
    private final Conversations conversations;
    private final Journeys journeys;
    private final ObjectMapper json;

    public PeopleEventsConsumer(ProcessedEvents processed, Conversations conversations, Journeys journeys, ObjectMapper json) {
        this.processed = processed;
        this.conversations = conversations;
        this.journeys = journeys;
        this.json = json;
    }

    private static OffsetDateTime at(io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata<?> ce) {
        return ce.getTimeStamp().map(t -> t.toOffsetDateTime()).orElseGet(() -> OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Incoming("auth-events")
    public Uni<Void> users(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> !ce.getType().startsWith(UserEventV1.PREFIX)
                ? Uni.createFrom().voidItem()
                : CloudEventInbox.data(json, payload, UserEventV1.class).chain(user -> processed.applyOnce(USERS, ce,
                        () -> user.orgId() == null ? Uni.createFrom().voidItem() // platform staff answer no conversation
                                : OrgMember.<OrgMember>findById(user.userId()).chain(existing -> {
                                    OrgMember member = existing != null ? existing : new OrgMember();
                                    member.userId = user.userId();
                                    member.orgId = user.orgId();
                                    member.role = user.role();
                                    member.status = user.status();
                                    member.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                                    return member.persist().replaceWithVoid();
                                }))));
    }

    /** An automation's handoff_to_human step: the same as the assistant asking for a person. */
    @Incoming("flow-events")
    public Uni<Void> flowHandoffs(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> switch (ce.getType()) {
            case FLOW_HANDOFF_TYPE -> CloudEventInbox.data(json, payload, HandoffRequestedV1.class).chain(handoff -> processed.applyOnce(
                    FLOW_HANDOFFS, ce, () -> conversations.handoffRequested(handoff.orgId(), handoff.conversationId(), handoff.contactId(),
                            handoff.waId(), handoff.reason(), handoff.message())));
            case RUN_STARTED -> CloudEventInbox.data(json, payload, RunEvent.class).chain(run -> processed.applyOnce(FLOW_HANDOFFS, ce,
                    () -> journeys.record(run.orgId(), run.messageId(), run.runId().toString(), "automation_started",
                            java.util.Map.of("automationId", run.automationId(), "automationName", String.valueOf(run.automationName()),
                                    "runId", run.runId()), at(ce))));
            case RUN_SUCCEEDED -> CloudEventInbox.data(json, payload, RunEvent.class).chain(run -> processed.applyOnce(FLOW_HANDOFFS, ce,
                    () -> journeys.recordEnd(run.orgId(), run.runId().toString(), "automation_succeeded",
                            java.util.Map.of("runId", run.runId()), at(ce))));
            case RUN_FAILED -> CloudEventInbox.data(json, payload, RunEvent.class).chain(run -> processed.applyOnce(FLOW_HANDOFFS, ce,
                    () -> journeys.recordEnd(run.orgId(), run.runId().toString(), "automation_failed", java.util.Map.of("runId",
                            run.runId(), "stepType", String.valueOf(run.stepType()), "error", String.valueOf(run.error())), at(ce))));
            default -> Uni.createFrom().voidItem();
        });
    }

    @Incoming("memory-events")
    public Uni<Void> handoffs(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> switch (ce.getType()) {
            case HandoffRequestedV1.TYPE -> CloudEventInbox.data(json, payload, HandoffRequestedV1.class).chain(handoff -> processed
                    .applyOnce(HANDOFFS, ce, () -> conversations.handoffRequested(handoff.orgId(), handoff.conversationId(),
                            handoff.contactId(), handoff.waId(), handoff.reason(), handoff.message())
                            .chain(() -> journeys.record(handoff.orgId(), handoff.messageId(), "handoff", "handed_off",
                                    java.util.Map.of("reason", String.valueOf(handoff.reason())), at(ce)))));
            case ANSWER_GIVEN -> CloudEventInbox.data(json, payload, AnswerGiven.class).chain(answer -> processed.applyOnce(HANDOFFS, ce,
                    () -> journeys.record(answer.orgId(), answer.messageId(), "answer", "answered", java.util.Map.of("mode",
                            String.valueOf(answer.mode()), "sources", answer.sources() == null ? java.util.List.of() : answer.sources(),
                            "commandId", String.valueOf(answer.commandId())), at(ce))));
            default -> Uni.createFrom().voidItem();
        });
    }
}
