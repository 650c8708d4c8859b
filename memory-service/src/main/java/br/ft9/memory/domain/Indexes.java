package br.ft9.memory.domain;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Each organisation's knowledge index, kept in memory and brought up to its latest committed generation. */
public interface Indexes {

    /** The organisation's index as of its latest committed generation. */
    Uni<KnowledgeIndex> forOrganization(UUID orgId);

    /** The organisation's index as of {@code generation}, its latest committed one when the caller read it. */
    Uni<KnowledgeIndex> forOrganization(UUID orgId, long generation);

    /**
     * A knowledge item's passages (none: the item is gone or off) as of {@code generation}, once it is committed, with the
     * item as its passages cite it ({@code item}, null when it is gone).
     */
    Uni<Void> applied(UUID orgId, long generation, UUID itemId, Retrieval.Source item, List<KnowledgeIndex.Passage> passages);

    /** Forgets the organisation's index (it was erased). */
    void drop(UUID orgId);
}
