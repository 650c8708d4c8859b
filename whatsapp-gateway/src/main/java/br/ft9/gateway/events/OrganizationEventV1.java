package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The gateway's reading of tenant-service's {@code ft9.tenant.organization.*.v1} data: only the
 * fields it uses, tolerant of fields added later.
 */
@RegisterForReflection
public record OrganizationEventV1(UUID orgId, String name, String slug, String timeZone, String locale, String status,
        OffsetDateTime createdAt, Integer messageRetentionDays) {

    public static final String CREATED = "ft9.tenant.organization.created.v1";
    /** The organisation is gone: everything the gateway holds of it is erased. */
    public static final String DELETED = "ft9.tenant.organization.deleted.v1";
    /** Every type whose data is the whole organisation, which the directory simply takes. */
    public static final java.util.Set<String> SNAPSHOTS = java.util.Set.of(CREATED, "ft9.tenant.organization.updated.v1",
            "ft9.tenant.organization.suspended.v1", "ft9.tenant.organization.reactivated.v1");
}
