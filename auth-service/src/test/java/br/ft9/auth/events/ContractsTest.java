package br.ft9.auth.events;

import static br.ft9.common.testing.Contracts.assertReads;
import static br.ft9.common.testing.Contracts.assertWrites;
import static br.ft9.common.testing.Contracts.sample;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.Contracts.Reading;

/** auth-service's side of the event contracts in {@code contracts/}: what it writes, and what it reads. */
class ContractsTest {

    /** Every type auth-service writes, with the record it writes. */
    static final List<Map.Entry<String, Class<?>>> WRITES = List.of(
                Map.entry(AuthEvents.USER_CREATED, UserEventV1.class),
                Map.entry(AuthEvents.USER_ROLE_CHANGED, UserEventV1.class),
                Map.entry(AuthEvents.USER_ACTIVATED, UserEventV1.class),
                Map.entry(AuthEvents.USER_DEACTIVATED, UserEventV1.class));

    @Test
    void every_event_it_writes_holds_every_field_of_its_contract() {
        WRITES.forEach(written -> assertWrites(written.getKey(), sample(written.getValue())));
    }

    /** Every type auth-service reads. */
    static final List<Reading> READS = List.of(
                new Reading("ft9.tenant.organization.created.v1", TenantEventsConsumer.OrganizationEvent.class),
                new Reading("ft9.tenant.organization.suspended.v1", TenantEventsConsumer.OrganizationEvent.class, "orgId"),
                new Reading("ft9.tenant.organization.reactivated.v1", TenantEventsConsumer.OrganizationEvent.class, "orgId"),
                new Reading("ft9.tenant.organization.deleted.v1", TenantEventsConsumer.OrganizationEvent.class, "orgId"));

    @Test
    void every_event_it_reads_parses_its_contracts_example_with_the_fields_it_needs() {
        READS.forEach(reading -> assertReads(reading.type(), reading.into(), reading.needed()));
    }
}
