package br.ft9.memory.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.memory.infra.IndexRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/** Hybrid search of one organisation's knowledge, and nothing else: the index is the organisation's own. */
@ApplicationScoped
public class Retrieval {

    /** A passage found, with the item it comes from. */
    public record Found(KnowledgeIndex.Hit hit, KnowledgeItem item, double termCoverage) {
    }

    private final IndexRegistry indexes;
    private final Embedder embedder;
    private final Vertx vertx;

    public Retrieval(IndexRegistry indexes, Embedder embedder, Vertx vertx) {
        this.indexes = indexes;
        this.embedder = embedder;
        this.vertx = vertx;
    }

    public Uni<List<Found>> search(UUID orgId, String query, int limit, KnowledgeIndex.Mode mode) {
        Uni<float[]> vector = mode == KnowledgeIndex.Mode.BM25 ? Uni.createFrom().nullItem()
                : vertx.executeBlocking(() -> embedder.embed(query), false);
        return Uni.combine().all().unis(vector, indexes.forOrganization(orgId)).asTuple().chain(both -> {
            KnowledgeIndex index = both.getItem2();
            List<KnowledgeIndex.Hit> hits = index.search(query, both.getItem1(), limit, mode);
            if (hits.isEmpty()) {
                return Uni.createFrom().item(List.<Found>of());
            }
            java.util.Set<String> questionTerms = index.terms(query);
            List<UUID> itemIds = hits.stream().map(KnowledgeIndex.Hit::itemId).distinct().toList();
            return Panache.withSession(() -> KnowledgeItem.<KnowledgeItem>list("orgId = ?1 and id in ?2", orgId, itemIds))
                    .map(items -> {
                        Map<UUID, KnowledgeItem> byId = items.stream().collect(Collectors.toMap(i -> i.id, Function.identity()));
                        return hits.stream().filter(h -> byId.containsKey(h.itemId()))
                                .map(h -> new Found(h, byId.get(h.itemId()), coverage(questionTerms, index.terms(h.text()))))
                                .toList();
                    });
        });
    }

    /** The share of the question's index terms that the passage contains. */
    static double coverage(java.util.Set<String> question, java.util.Set<String> passage) {
        if (question.isEmpty()) {
            return 0;
        }
        return question.stream().filter(passage::contains).count() / (double) question.size();
    }
}
