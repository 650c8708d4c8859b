package br.ft9.flow.events;

import static br.ft9.common.testing.Contracts.assertReads;
import static br.ft9.common.testing.Contracts.assertWrites;
import static br.ft9.common.testing.Contracts.sample;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.Contracts.Reading;

/** flow-service's side of the event contracts in {@code contracts/}: what it writes, and what it reads. */
class ContractsTest {

    /** Every type flow-service writes, with the record it writes. */
    static final List<Map.Entry<String, Class<?>>> WRITES = List.of(
                Map.entry(FlowEvents.RUN_STARTED, FlowEvents.RunStartedV1.class),
                Map.entry(FlowEvents.RUN_SUCCEEDED, FlowEvents.RunSucceededV1.class),
                Map.entry(FlowEvents.RUN_FAILED, FlowEvents.RunFailedV1.class),
                Map.entry(FlowEvents.HANDOFF_REQUESTED, FlowEvents.HandoffRequestedV1.class),
                Map.entry(FlowEvents.SEND_MESSAGE, FlowEvents.SendMessageV1.class),
                Map.entry(FlowEvents.CONTACT_ERASED, FlowEvents.ContactErasedV1.class),
                Map.entry(FlowEvents.MESSAGE_CLAIMS_CHANGED, FlowEvents.MessageClaimsChangedV1.class));

    @Test
    void every_event_it_writes_holds_every_field_of_its_contract() {
        WRITES.forEach(written -> assertWrites(written.getKey(), sample(written.getValue())));
    }

    /** flow-service's reading of billing events: their data becomes the trigger's facts, the organisation read from it. */
    record TriggerData(java.util.UUID orgId) {
    }

    /** Every type flow-service reads. */
    static final List<Reading> READS = List.of(
                new Reading("ft9.whatsapp.message.received.v1", InboundEventsConsumer.MessageReceived.class, "orgId", "messageId", "contactId", "waId", "profileName", "type", "text", "sentAt", "conversationId", "conversationMode"),
                new Reading("ft9.whatsapp.contact.opted_out.v1", InboundEventsConsumer.ContactOptOut.class),
                new Reading("ft9.whatsapp.contact.opted_in.v1", InboundEventsConsumer.ContactOptOut.class),
                new Reading("ft9.whatsapp.contact.erasure_requested.v1", InboundEventsConsumer.ErasureRequested.class),
                new Reading("ft9.whatsapp.conversation.closed.v1", InboundEventsConsumer.ConversationClosed.class),
                new Reading("ft9.tenant.organization.created.v1", TenantEventsConsumer.Organization.class),
                new Reading("ft9.tenant.organization.updated.v1", TenantEventsConsumer.Organization.class),
                new Reading("ft9.tenant.organization.suspended.v1", TenantEventsConsumer.Organization.class),
                new Reading("ft9.tenant.organization.reactivated.v1", TenantEventsConsumer.Organization.class),
                new Reading("ft9.tenant.organization.deleted.v1", TenantEventsConsumer.Organization.class, "orgId"),
                new Reading("ft9.tenant.limits.changed.v1", TenantEventsConsumer.Limits.class),
                new Reading("ft9.billing.payment.succeeded.v1", TriggerData.class),
                new Reading("ft9.billing.payment.failed.v1", TriggerData.class),
                new Reading("ft9.billing.subscription.activated.v1", TriggerData.class),
                new Reading("ft9.billing.subscription.changed.v1", TriggerData.class),
                new Reading("ft9.billing.subscription.canceled.v1", TriggerData.class));

    @Test
    void every_event_it_reads_parses_its_contracts_example_with_the_fields_it_needs() {
        READS.forEach(reading -> assertReads(reading.type(), reading.into(), reading.needed()));
    }
}
