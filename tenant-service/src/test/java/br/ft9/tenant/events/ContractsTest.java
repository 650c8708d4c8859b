package br.ft9.tenant.events;

import static br.ft9.common.testing.Contracts.assertReads;
import static br.ft9.common.testing.Contracts.assertWrites;
import static br.ft9.common.testing.Contracts.sample;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.Contracts.Reading;

/** tenant-service's side of the event contracts in {@code contracts/}: what it writes, and what it reads. */
class ContractsTest {

    /** Every type tenant-service writes, with the record it writes. */
    static final List<Map.Entry<String, Class<?>>> WRITES = List.of(
                Map.entry(TenantEvents.ORGANIZATION_CREATED, OrganizationEventV1.class),
                Map.entry(TenantEvents.ORGANIZATION_UPDATED, OrganizationEventV1.class),
                Map.entry(TenantEvents.ORGANIZATION_SUSPENDED, OrganizationEventV1.class),
                Map.entry(TenantEvents.ORGANIZATION_REACTIVATED, OrganizationEventV1.class),
                Map.entry(TenantEvents.ORGANIZATION_DELETED, OrganizationDeletedV1.class),
                Map.entry(TenantEvents.LIMITS_CHANGED, LimitsChangedV1.class),
                Map.entry(TenantEvents.CHANNEL_CONNECTED, ChannelEventV1.class),
                Map.entry(TenantEvents.CHANNEL_DISCONNECTED, ChannelEventV1.class),
                Map.entry(TenantEvents.DEAD_LETTER_RECORDED, DeadLetterNoticeV1.class),
                Map.entry(TenantEvents.DEAD_LETTER_REPLAYED, DeadLetterNoticeV1.class),
                Map.entry(TenantEvents.DEAD_LETTER_DISCARDED, DeadLetterNoticeV1.class),
                Map.entry(TenantEvents.CONTACT_ERASED, ContactErasedV1.class));

    @Test
    void every_event_it_writes_holds_every_field_of_its_contract() {
        WRITES.forEach(written -> assertWrites(written.getKey(), sample(written.getValue())));
    }

    /** Every type tenant-service reads. */
    static final List<Reading> READS = List.of(
                new Reading("ft9.auth.user.created.v1", UsageEventsConsumer.UserEvent.class),
                new Reading("ft9.whatsapp.contact.erasure_requested.v1", ContactErasureConsumer.ErasureRequested.class),
                new Reading("ft9.auth.user.deactivated.v1", UsageEventsConsumer.UserEvent.class),
                new Reading("ft9.billing.subscription.activated.v1", UsageEventsConsumer.SubscriptionEvent.class),
                new Reading("ft9.billing.subscription.changed.v1", UsageEventsConsumer.SubscriptionEvent.class),
                new Reading("ft9.billing.subscription.canceled.v1", UsageEventsConsumer.SubscriptionEvent.class),
                new Reading("ft9.billing.account.overdue.v1", UsageEventsConsumer.AccountEvent.class),
                new Reading("ft9.billing.account.settled.v1", UsageEventsConsumer.AccountEvent.class));

    @Test
    void every_event_it_reads_parses_its_contracts_example_with_the_fields_it_needs() {
        READS.forEach(reading -> assertReads(reading.type(), reading.into(), reading.needed()));
    }
}
