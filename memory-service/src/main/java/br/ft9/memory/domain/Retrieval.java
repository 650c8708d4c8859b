package br.ft9.memory.domain;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/** Hybrid search of one organisation's knowledge, and nothing else: the index is the organisation's own. */
@ApplicationScoped
public class Retrieval {

    /**
     * A passage found, with the item it comes from, the share of the question's weight it holds, and its part that
     * answers the question (at most {@link Excerpts#MAX_WORDS} words; an FAQ's answer as written).
     */
    public record Found(KnowledgeIndex.Hit hit, Source item, String excerpt, KnowledgeIndex.Excerpt part) {

        /** The share of the question's weight its excerpt holds. */
        public double termCoverage() {
            return part.coverage();
        }
    }

    /**
     * What an answer needs of an item a passage comes from: its title to cite, its kind and an FAQ's answer. The index
     * keeps these four with its passages (not the whole item: a document's item holds its whole text).
     */
    public record Source(UUID id, String kind, String title, String answer) {

        /** What an answer cites of the item. */
        public static Source of(KnowledgeItem item) {
            return new Source(item.id, item.kind, item.title, item.answer);
        }
    }

    private final Indexes indexes;
    private final Embedder embedder;
    private final Vertx vertx;

    public Retrieval(Indexes indexes, Embedder embedder, Vertx vertx) {
        this.indexes = indexes;
        this.embedder = embedder;
        this.vertx = vertx;
    }

    /** The organisation's passages that answer the query, from its index as of its latest committed generation. */
    public Uni<List<Found>> search(UUID orgId, String query, int limit, KnowledgeIndex.Mode mode) {
        return search(indexes.forOrganization(orgId), query, limit, mode);
    }

    /** The same from its index as of {@code generation}, which the caller read with the rest of what it decides on. */
    public Uni<List<Found>> search(UUID orgId, long generation, String query, int limit, KnowledgeIndex.Mode mode) {
        return search(indexes.forOrganization(orgId, generation), query, limit, mode);
    }

    private Uni<List<Found>> search(Uni<KnowledgeIndex> organisationIndex, String query, int limit, KnowledgeIndex.Mode mode) {
        // The embedding model reads the abbreviations written out; it folds accents itself.
        Uni<float[]> vector = mode == KnowledgeIndex.Mode.BM25 ? Uni.createFrom().nullItem()
                : vertx.executeBlocking(() -> embedder.embed(PortugueseText.writtenOut(query)), false);
        return Uni.combine().all().unis(vector, organisationIndex).asTuple().chain(both -> {
            KnowledgeIndex index = both.getItem2();
            // Searching is CPU work of milliseconds at tens of thousands of passages: on a worker, not the event loop.
            return vertx.executeBlocking(() -> index.search(query, both.getItem1(), limit, mode), false)
                    .map(hits -> withItems(query, index, hits));
        });
    }

    /**
     * The hits with their knowledge items, as the index holds them (brought up to the committed generation with its
     * passages, so no read of the items here); a hit whose item is gone since it was found is left out.
     */
    private static List<Found> withItems(String query, KnowledgeIndex index, List<KnowledgeIndex.Hit> hits) {
        List<Found> found = new java.util.ArrayList<>(hits.size());
        for (KnowledgeIndex.Hit hit : hits) {
            Source item = index.item(hit.itemId());
            if (item != null) {
                found.add(found(hit, item, index.excerpt(query, hit, Excerpts.MAX_WORDS)));
            }
        }
        return found;
    }

    static Found found(KnowledgeIndex.Hit hit, Source item, KnowledgeIndex.Excerpt part) {
        String excerpt = KnowledgeItem.FAQ.equals(item.kind()) ? item.answer() : part.text();
        return new Found(hit, item, excerpt, part);
    }
}
