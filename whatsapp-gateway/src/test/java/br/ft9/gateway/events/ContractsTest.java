package br.ft9.gateway.events;

import static br.ft9.common.testing.Contracts.assertReads;
import static br.ft9.common.testing.Contracts.assertWrites;
import static br.ft9.common.testing.Contracts.sample;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.Contracts.Reading;

/** whatsapp-gateway's side of the event contracts in {@code contracts/}: what it writes, and what it reads. */
class ContractsTest {

    /** Every type whatsapp-gateway writes, with the record it writes. */
    static final List<Map.Entry<String, Class<?>>> WRITES = List.of(
                Map.entry(SendMessageCommandV1.TYPE, SendMessageCommandV1.class),
                Map.entry(MessageReceivedV1.TYPE, MessageReceivedV1.class),
                Map.entry(ConversationEventV1.HANDOFF_REQUESTED, ConversationEventV1.class),
                Map.entry(ConversationEventV1.TAKEN_OVER, ConversationEventV1.class),
                Map.entry(ConversationEventV1.RELEASED, ConversationEventV1.class),
                Map.entry(ConversationEventV1.ASSIGNED, ConversationEventV1.class),
                Map.entry(ConversationEventV1.CLOSED, ConversationEventV1.class),
                Map.entry(AgentRepliedV1.TYPE, AgentRepliedV1.class),
                Map.entry(ContactEventV1.OPTED_OUT, ContactEventV1.class),
                Map.entry(ContactEventV1.OPTED_IN, ContactEventV1.class),
                Map.entry(MessageStatusV1.TYPE, MessageStatusV1.class),
                Map.entry(ContactErasureRequestedV1.TYPE, ContactErasureRequestedV1.class));

    @Test
    void every_event_it_writes_holds_every_field_of_its_contract() {
        WRITES.forEach(written -> assertWrites(written.getKey(), sample(written.getValue())));
    }

    /** Every type whatsapp-gateway reads. */
    static final List<Reading> READS = List.of(
                new Reading(SendMessageCommandV1.TYPE, SendMessageCommandV1.class, "commandId", "orgId", "contactId", "waId", "conversationId", "origin", "kind", "text"),
                new Reading("ft9.auth.user.created.v1", UserEventV1.class),
                new Reading(ContactErasedV1.MEMORY, ContactErasedV1.class),
                new Reading(ContactErasedV1.FLOW, ContactErasedV1.class),
                new Reading(ContactErasedV1.TENANT, ContactErasedV1.class),
                new Reading("ft9.auth.user.role_changed.v1", UserEventV1.class),
                new Reading("ft9.auth.user.activated.v1", UserEventV1.class),
                new Reading("ft9.auth.user.deactivated.v1", UserEventV1.class),
                new Reading("ft9.memory.conversation.handoff_requested.v1", HandoffRequestedV1.class),
                new Reading("ft9.flow.conversation.handoff_requested.v1", HandoffRequestedV1.class, "orgId", "conversationId", "contactId", "waId", "reason", "message"),
                new Reading("ft9.memory.answer.given.v1", PeopleEventsConsumer.AnswerGiven.class),
                new Reading("ft9.flow.run.started.v1", PeopleEventsConsumer.RunEvent.class, "orgId", "automationId", "automationName", "runId", "trigger", "messageId"),
                new Reading("ft9.flow.run.succeeded.v1", PeopleEventsConsumer.RunEvent.class, "orgId", "automationId", "runId"),
                new Reading("ft9.flow.run.failed.v1", PeopleEventsConsumer.RunEvent.class, "orgId", "automationId", "runId", "stepType", "error"),
                new Reading("ft9.tenant.organization.created.v1", OrganizationEventV1.class),
                new Reading(DeadLetterNoticeV1.RECORDED, DeadLetterNoticeV1.class, "deadLetterId", "orgId", "topic", "at"),
                new Reading(DeadLetterNoticeV1.REPLAYED, DeadLetterNoticeV1.class, "deadLetterId", "orgId", "topic", "at"),
                new Reading(DeadLetterNoticeV1.DISCARDED, DeadLetterNoticeV1.class, "deadLetterId", "orgId", "topic", "at"),
                new Reading("ft9.tenant.organization.updated.v1", OrganizationEventV1.class),
                new Reading("ft9.tenant.organization.suspended.v1", OrganizationEventV1.class),
                new Reading("ft9.tenant.organization.reactivated.v1", OrganizationEventV1.class),
                new Reading("ft9.tenant.organization.deleted.v1", OrganizationEventV1.class, "orgId"),
                new Reading("ft9.tenant.channel.connected.v1", ChannelEventV1.class),
                new Reading("ft9.tenant.channel.disconnected.v1", ChannelEventV1.class, "orgId", "phoneNumberId"));

    @Test
    void every_event_it_reads_parses_its_contracts_example_with_the_fields_it_needs() {
        READS.forEach(reading -> assertReads(reading.type(), reading.into(), reading.needed()));
    }
}
