package br.ft9.billing.events;

import static br.ft9.common.testing.Contracts.assertReads;
import static br.ft9.common.testing.Contracts.assertWrites;
import static br.ft9.common.testing.Contracts.sample;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.Contracts.Reading;

/** billing-service's side of the event contracts in {@code contracts/}: what it writes, and what it reads. */
class ContractsTest {

    /** Every type billing-service writes, with the record it writes. */
    static final List<Map.Entry<String, Class<?>>> WRITES = List.of(
                Map.entry(BillingEvents.SUBSCRIPTION_ACTIVATED, BillingEvents.SubscriptionV1.class),
                Map.entry(BillingEvents.SUBSCRIPTION_CHANGED, BillingEvents.SubscriptionV1.class),
                Map.entry(BillingEvents.SUBSCRIPTION_CANCELED, BillingEvents.SubscriptionV1.class),
                Map.entry(BillingEvents.PAYMENT_SUCCEEDED, BillingEvents.PaymentV1.class),
                Map.entry(BillingEvents.PAYMENT_FAILED, BillingEvents.PaymentV1.class),
                Map.entry(BillingEvents.ACCOUNT_OVERDUE, BillingEvents.AccountStandingV1.class),
                Map.entry(BillingEvents.ACCOUNT_SETTLED, BillingEvents.AccountStandingV1.class),
                Map.entry(BillingEvents.QUOTA_EXCEEDED, BillingEvents.QuotaExceededV1.class));

    @Test
    void every_event_it_writes_holds_every_field_of_its_contract() {
        WRITES.forEach(written -> assertWrites(written.getKey(), sample(written.getValue())));
    }

    /** Every type billing-service reads. */
    static final List<Reading> READS = List.of(
                new Reading("ft9.whatsapp.message.received.v1", UsageEventsConsumer.OrgEvent.class),
                new Reading("ft9.memory.answer.given.v1", UsageEventsConsumer.OrgEvent.class),
                new Reading("ft9.tenant.organization.deleted.v1", UsageEventsConsumer.OrgEvent.class),
                new Reading("ft9.tenant.organization.created.v1", UsageEventsConsumer.OrganisationEvent.class),
                new Reading("ft9.tenant.organization.updated.v1", UsageEventsConsumer.OrganisationEvent.class, "orgId", "notificationEmail"));

    @Test
    void every_event_it_reads_parses_its_contracts_example_with_the_fields_it_needs() {
        READS.forEach(reading -> assertReads(reading.type(), reading.into(), reading.needed()));
    }
}
