package br.ft9.auth.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import br.ft9.common.errors.InvalidField;
import br.ft9.common.errors.NotAllowed;
import br.ft9.common.errors.NotFound;
import br.ft9.common.tenant.Role;

/** Who may manage which accounts, without Quarkus. */
class UserRulesTest {

    private static final UUID ORG = UUID.randomUUID();

    private static UserAccount member(UUID orgId, Role role) {
        return UserAccount.active(orgId, UUID.randomUUID() + "@x.example", "hash", role, java.time.OffsetDateTime.now());
    }

    @Test
    void an_admin_acts_in_their_own_organisation_only_and_others_accounts_do_not_exist_for_them() {
        Actor admin = new Actor(UUID.randomUUID(), ORG, Role.ORG_ADMIN);
        assertThatCode(() -> UserRules.checkRoleChange(admin, member(ORG, Role.ORG_AGENT), Role.ORG_MANAGER)).doesNotThrowAnyException();
        assertThatThrownBy(() -> UserRules.checkRoleChange(admin, member(UUID.randomUUID(), Role.ORG_AGENT), Role.ORG_MANAGER))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> UserRules.organisationFor(admin, UUID.randomUUID())).isInstanceOf(NotFound.class);
    }

    @Test
    void platform_staff_accounts_are_invisible_to_organisations() {
        Actor admin = new Actor(UUID.randomUUID(), ORG, Role.ORG_ADMIN);
        assertThatThrownBy(() -> UserRules.checkVisible(admin, member(null, Role.SUPER_ADMIN))).isInstanceOf(NotFound.class);
    }

    @Test
    void nobody_raises_anyone_to_platform_staff_and_managers_change_no_roles() {
        Actor admin = new Actor(UUID.randomUUID(), ORG, Role.ORG_ADMIN);
        assertThatThrownBy(() -> UserRules.checkRoleChange(admin, member(ORG, Role.ORG_AGENT), Role.SUPER_ADMIN))
                .isInstanceOf(InvalidField.class);
        Actor manager = new Actor(UUID.randomUUID(), ORG, Role.ORG_MANAGER);
        assertThatThrownBy(() -> UserRules.checkRoleChange(manager, member(ORG, Role.ORG_AGENT), Role.ORG_ADMIN))
                .isInstanceOf(NotAllowed.class);
    }

    @Test
    void staff_must_name_the_organisation_they_act_on() {
        Actor staff = new Actor(UUID.randomUUID(), null, Role.SUPER_ADMIN);
        assertThatThrownBy(() -> UserRules.organisationFor(staff, null)).isInstanceOf(InvalidField.class);
        UUID named = UUID.randomUUID();
        org.assertj.core.api.Assertions.assertThat(UserRules.organisationFor(staff, named)).isEqualTo(named);
    }
}
