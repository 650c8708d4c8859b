package br.ft9.auth;

import java.util.Set;

import org.junit.jupiter.api.Test;

import br.ft9.common.testing.FourRooms;

/** auth-service keeps the four rooms (the domain classes in its debt list are not moved yet). */
class ArchitectureTest {

    private static final FourRooms ROOMS = FourRooms.of("auth",
            // Domain classes that still hold SQL, a pool, a timer or an infra client (issue 22); the list only shrinks.
            Set.of("Passwords", "ServiceCredentials", "Sessions", "UserDirectory"));

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
    void auth_service_imports_no_other_service() {
        ROOMS.importsNoOtherService().check(ROOMS.classes());
    }
}
