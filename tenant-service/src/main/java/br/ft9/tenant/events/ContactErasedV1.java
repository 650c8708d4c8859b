package br.ft9.tenant.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code ft9.tenant.contact.erased.v1} on {@code ft9.tenant.events}: tenant-service removed the contact's data
 * from the dead letters it keeps (the only place it ever holds any).
 */
@RegisterForReflection
public record ContactErasedV1(UUID erasureId, UUID orgId, UUID contactId, String service, OffsetDateTime erasedAt) {
}
