package br.ft9.memory.infra;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.memory.domain.ChunkStore;
import br.ft9.memory.domain.KnowledgeIndex;
import br.ft9.memory.domain.KnowledgeItem;
import br.ft9.memory.domain.Vectors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** knowledge_chunk (vectors as little-endian float bytes) and knowledge_generation (counted up by upsert). */
@ApplicationScoped
public class SqlChunkStore implements ChunkStore {

    @Override
    public Uni<List<KnowledgeIndex.Passage>> passages(KnowledgeItem item) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select id, text, embedding from knowledge_chunk where item_id = :item order by ordinal",
                        Object[].class)
                .setParameter("item", item.id).getResultList()))
                .map(rows -> rows.stream().map(r -> new KnowledgeIndex.Passage((UUID) r[0], item.id, (String) r[1],
                        Vectors.fromBytes((byte[]) r[2]), item.askedAs())).toList());
    }

    @Override
    public Uni<Void> replace(KnowledgeItem item, List<KnowledgeIndex.Passage> passages, String model) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("delete from knowledge_chunk where item_id = :item").setParameter("item", item.id)
                .executeUpdate()
                .chain(() -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (int i = 0; i < passages.size(); i++) {
                        KnowledgeIndex.Passage p = passages.get(i);
                        int ordinal = i;
                        chain = chain.chain(() -> session.createNativeQuery("insert into knowledge_chunk (id, org_id, item_id,"
                                + " ordinal, text, embedding, model, created_at) values (:id, :org, :item, :ordinal, :text,"
                                + " :embedding, :model, now())")
                                .setParameter("id", p.chunkId()).setParameter("org", item.orgId).setParameter("item", item.id)
                                .setParameter("ordinal", ordinal).setParameter("text", p.text())
                                .setParameter("embedding", Vectors.toBytes(p.vector())).setParameter("model", model)
                                .executeUpdate());
                    }
                    return chain.replaceWithVoid();
                }));
    }

    @Override
    public Uni<Long> nextGeneration(UUID orgId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into knowledge_generation (org_id,"
                + " generation) values (:org, 1) on conflict (org_id) do update set generation ="
                + " knowledge_generation.generation + 1 returning generation", Long.class)
                .setParameter("org", orgId).getSingleResult());
    }
}
