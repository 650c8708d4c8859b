package br.ft9.tenant;

import java.util.Set;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.FourRooms;

/** tenant-service keeps the four rooms: rules and use cases in the domain, storage, timers and outside calls in infra. */
class ArchitectureTest {

    private static final FourRooms ROOMS = FourRooms.of("tenant", Set.of());

    @Test
    void the_domain_imports_neither_infra_nor_api() {
        ROOMS.domainImportsNoInfraNorApi().check(ROOMS.classes());
    }

    @Test
    void the_domain_uses_no_pool_stripe_channel_or_scheduler() {
        ROOMS.domainUsesNoPoolStripeMessagingOrScheduler().check(ROOMS.classes());
    }

    @Test
    void the_domain_writes_no_sql_of_its_own() {
        ROOMS.domainWritesNoNativeSql().check(ROOMS.classes());
    }

    @Test
    void tenant_service_imports_no_other_service() {
        ROOMS.importsNoOtherService().check(ROOMS.classes());
    }
}
