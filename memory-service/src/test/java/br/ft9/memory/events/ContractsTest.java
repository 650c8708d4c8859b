package br.ft9.memory.events;

import static br.ft9.common.testing.Contracts.assertReads;
import static br.ft9.common.testing.Contracts.assertWrites;
import static br.ft9.common.testing.Contracts.sample;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.Contracts.Reading;

/** memory-service's side of the event contracts in {@code contracts/}: what it writes, and what it reads. */
class ContractsTest {

    /** Every type memory-service writes, with the record it writes. */
    static final List<Map.Entry<String, Class<?>>> WRITES = List.of(
                Map.entry(HandoffRequestedV1.TYPE, HandoffRequestedV1.class),
                Map.entry(SendMessageCommandV1.TYPE, SendMessageCommandV1.class),
                Map.entry(AnswerSentV1.TYPE, AnswerSentV1.class),
                Map.entry(ContactErasedV1.TYPE, ContactErasedV1.class));

    @Test
    void every_event_it_writes_holds_every_field_of_its_contract() {
        WRITES.forEach(written -> assertWrites(written.getKey(), sample(written.getValue())));
    }

    /** Every type memory-service reads. */
    static final List<Reading> READS = List.of(
                new Reading("ft9.billing.quota.exceeded.v1", BillingEventsConsumer.BillingEvent.class),
                new Reading("ft9.billing.subscription.activated.v1", BillingEventsConsumer.BillingEvent.class, "orgId"),
                new Reading("ft9.billing.subscription.changed.v1", BillingEventsConsumer.BillingEvent.class, "orgId"),
                new Reading("ft9.whatsapp.conversation.agent_replied.v1", AgentRepliedV1.class),
                new Reading("ft9.whatsapp.message.received.v1", MessageReceivedV1.class),
                new Reading(MessageClaimsChangedV1.TYPE, MessageClaimsChangedV1.class),
                new Reading(ContactErasureRequestedV1.TYPE, ContactErasureRequestedV1.class),
                new Reading("ft9.tenant.organization.created.v1", OrganizationEventV1.class),
                new Reading("ft9.tenant.organization.updated.v1", OrganizationEventV1.class),
                new Reading("ft9.tenant.organization.suspended.v1", OrganizationEventV1.class),
                new Reading("ft9.tenant.organization.reactivated.v1", OrganizationEventV1.class),
                new Reading("ft9.tenant.organization.deleted.v1", OrganizationEventV1.class, "orgId"));

    @Test
    void every_event_it_reads_parses_its_contracts_example_with_the_fields_it_needs() {
        READS.forEach(reading -> assertReads(reading.type(), reading.into(), reading.needed()));
    }
}
