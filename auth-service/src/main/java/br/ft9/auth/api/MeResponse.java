package br.ft9.auth.api;

import java.util.UUID;

import br.ft9.auth.domain.UserAccount;

/** The signed-in user as the API shows it (never the password hash). */
public record MeResponse(UUID id, String email, String displayName, UUID orgId, String role, String status) {

    static MeResponse of(UserAccount user) {
        return new MeResponse(user.id, user.email, user.displayName, user.orgId, user.role.name(), user.status.name());
    }
}
