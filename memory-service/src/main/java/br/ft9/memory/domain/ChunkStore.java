package br.ft9.memory.domain;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The knowledge items' chunks with their vectors, and each organisation's index generation. */
public interface ChunkStore {

    /** The item's stored chunks, in order, as index passages (in a session of their own). */
    Uni<List<KnowledgeIndex.Passage>> passages(KnowledgeItem item);

    /** Replaces the item's chunks with these, embedded by {@code model}, in the caller's transaction. */
    Uni<Void> replace(KnowledgeItem item, List<KnowledgeIndex.Passage> passages, String model);

    /** The organisation's next index generation, in the caller's transaction. */
    Uni<Long> nextGeneration(UUID orgId);
}
