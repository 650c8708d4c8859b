package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The gateway's reading of memory-, flow- and tenant-service's {@code ft9.<service>.contact.erased.v1}: the service
 * removed what it kept about the contact of the erasure.
 */
@RegisterForReflection
public record ContactErasedV1(UUID erasureId, UUID orgId, UUID contactId, String service, OffsetDateTime erasedAt) {

    public static final String MEMORY = "ft9.memory.contact.erased.v1";
    public static final String FLOW = "ft9.flow.contact.erased.v1";
    public static final String TENANT = "ft9.tenant.contact.erased.v1";
    public static final List<String> TYPES = List.of(MEMORY, FLOW, TENANT);
}
