package br.ft9.tenant.domain;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Where a contact's data can linger in tenant-service: the dead letters whose record carries it. */
public interface ContactTraces {

    /**
     * Empties every dead letter of the organisation whose record names the contact (their id or number): data, headers,
     * key and failure text; a pending one is discarded with this reason. In the caller's transaction; answers how many.
     */
    Uni<Integer> forget(UUID orgId, UUID contactId, String waId, String reason);
}
