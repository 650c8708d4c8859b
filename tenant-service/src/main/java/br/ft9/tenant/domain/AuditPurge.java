package br.ft9.tenant.domain;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The one way an audit trail's entries are removed: with their organisation, when it is erased. */
public interface AuditPurge {

    /** Removes the organisation's trail and its head, in the caller's transaction; answers how many entries. */
    Uni<Integer> forget(UUID orgId);
}
