package br.ft9.auth.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import br.ft9.auth.domain.UserAccount;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Data of {@code ft9.auth.user.*.v1}: the account as it is after the change. */
@RegisterForReflection
public record UserEventV1(UUID userId, UUID orgId, String email, String role, String status, String previousRole,
        OffsetDateTime occurredAt) {

    public static UserEventV1 of(UserAccount user, String previousRole) {
        return new UserEventV1(user.id, user.orgId, user.email, user.role.name(), user.status.name(), previousRole,
                user.updatedAt);
    }
}
