package br.ft9.gateway.events;

import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The gateway's reading of auth-service's {@code ft9.auth.user.*.v1}: who may be assigned a conversation. */
@RegisterForReflection
public record UserEventV1(UUID userId, UUID orgId, String role, String status) {

    public static final String PREFIX = "ft9.auth.user.";
}
