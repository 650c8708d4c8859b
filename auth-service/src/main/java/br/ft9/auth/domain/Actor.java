package br.ft9.auth.domain;

import java.util.UUID;

import br.ft9.common.tenant.Role;

/** Who is acting, as the verified access token says: user, organisation (none for staff) and role. */
public record Actor(UUID userId, UUID orgId, Role role) {

    public boolean isStaff() {
        return role == Role.SUPER_ADMIN;
    }
}
