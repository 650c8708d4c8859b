package br.ft9.gateway.events;

import java.util.List;
import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The gateway's reading of auth-service's {@code ft9.auth.user.*.v1}: who may be assigned a conversation. */
@RegisterForReflection
public record UserEventV1(UUID userId, UUID orgId, String role, String status) {

    /** The user events the gateway reads: each one carries the user's current role and status. */
    public static final List<String> TYPES = List.of("ft9.auth.user.created.v1", "ft9.auth.user.role_changed.v1",
            "ft9.auth.user.activated.v1", "ft9.auth.user.deactivated.v1");
}
