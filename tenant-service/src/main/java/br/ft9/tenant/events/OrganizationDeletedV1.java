package br.ft9.tenant.events;

import java.time.OffsetDateTime;
import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Data of {@code ft9.tenant.organization.deleted.v1}: erase everything of this organisation. */
@RegisterForReflection
public record OrganizationDeletedV1(UUID orgId, String slug, OffsetDateTime deletedAt) {
}
