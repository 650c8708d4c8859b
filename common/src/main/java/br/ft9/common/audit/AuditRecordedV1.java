package br.ft9.common.audit;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code ft9.audit.recorded.v1}: one entry of an organisation's audit trail, written by the service that made the change
 * in the change's transaction and sent through its outbox to tenant-service, which chains and keeps it. {@code before}
 * and {@code after} are the target's state as the service shows it (settings, a role, an automation), absent where
 * there was none; nothing of a contact but its id.
 */
@RegisterForReflection
public record AuditRecordedV1(UUID orgId, String service, Actor.Kind actorKind, UUID actorId, String actorRole, String address,
        String action, String targetType, String targetId, JsonNode before, JsonNode after, Instant at) {

    public static final String TYPE = "ft9.audit.recorded.v1";
    public static final String TOPIC = "ft9.audit";
}
