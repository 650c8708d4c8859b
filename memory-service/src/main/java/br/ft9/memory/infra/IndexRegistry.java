package br.ft9.memory.infra;

import br.ft9.memory.domain.Indexes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import br.ft9.memory.domain.Embedder;
import br.ft9.memory.domain.KnowledgeIndex;
import br.ft9.memory.domain.PortugueseText;
import br.ft9.memory.domain.Retrieval;
import br.ft9.memory.domain.Vectors;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Each organisation's search index, held in memory and rebuilt from PostgreSQL (the source of truth)
 * when it is missing (first search after a start) or stale: every change to an organisation's knowledge
 * bumps its row in {@code knowledge_generation} in the same transaction, and a search whose cached index
 * reflects an older generation (another replica changed it) rebuilds it first. Changes made here are
 * applied to the cached index at once. Chunks embedded by another model are re-embedded on rebuild. The organisation's
 * synonyms are read on rebuild (saving them bumps the generation).
 */
@ApplicationScoped
public class IndexRegistry implements Indexes {

    private static final Logger LOG = Logger.getLogger(IndexRegistry.class);

    private record Cached(long generation, KnowledgeIndex index) {
    }

    private final Map<UUID, Cached> indexes = new ConcurrentHashMap<>();
    /** Rebuilds under way: questions to one organisation answered side by side share one rebuild, since a second one
     * would replace, and close, the index the first is still searching. */
    private final Map<Build, Uni<KnowledgeIndex>> building = new ConcurrentHashMap<>();

    private record Build(UUID orgId, long generation) {
    }
    private final Pool pool;
    private final Embedder embedder;
    private final Vertx vertx;
    private final double bm25Weight;
    private final PortugueseText portuguese;
    private final SynonymStore synonyms;

    public IndexRegistry(Pool pool, Embedder embedder, Vertx vertx, PortugueseText portuguese, SynonymStore synonyms,
            @ConfigProperty(name = "ft9.knowledge.bm25-weight") java.util.Optional<Double> bm25Weight) {
        this.pool = pool;
        this.portuguese = portuguese;
        this.synonyms = synonyms;
        this.embedder = embedder;
        this.vertx = vertx;
        this.bm25Weight = bm25Weight.orElse(KnowledgeIndex.defaultBm25Weight(embedder.model()));
    }

    /** The organisation's index as of its latest committed generation. */
    @Override
    public Uni<KnowledgeIndex> forOrganization(UUID orgId) {
        return generation(orgId).chain(generation -> forOrganization(orgId, generation));
    }

    @Override
    public Uni<KnowledgeIndex> forOrganization(UUID orgId, long generation) {
        Cached cached = indexes.get(orgId);
        if (cached != null && cached.generation() == generation) {
            return Uni.createFrom().item(cached.index());
        }
        Build build = new Build(orgId, generation);
        return onCallersContext(building.computeIfAbsent(build, started -> rebuild(orgId, generation)
                .onTermination().invoke(() -> building.remove(started)).memoize().indefinitely()));
    }

    /**
     * A shared rebuild completes on the context of the question that started it; every other question waiting for it
     * goes on on its own context, since its Hibernate Reactive session lives there: going on on the starter's would
     * put two messages on one session ("Illegal pop()", "Session is closed").
     */
    private static <T> Uni<T> onCallersContext(Uni<T> shared) {
        Context caller = io.vertx.core.Vertx.currentContext();
        return caller == null ? shared : shared.emitOn(next -> {
            if (io.vertx.core.Vertx.currentContext() == caller) {
                next.run();
            } else {
                caller.runOnContext(ignored -> next.run());
            }
        });
    }

    /**
     * A change committed at {@code generation}: the item's passages are now {@code passages} (none when it
     * was deleted or disabled). Applied to the cached index if that was exactly one generation behind;
     * otherwise the cached index is dropped and the next search rebuilds it.
     */
    @Override
    public Uni<Void> applied(UUID orgId, long generation, UUID itemId, Retrieval.Source item, List<KnowledgeIndex.Passage> passages) {
        return vertx.executeBlocking(() -> {
            synchronized (this) {
                Cached cached = indexes.get(orgId);
                if (cached == null) {
                    return null;
                }
                if (cached.generation() != generation - 1) {
                    drop(orgId);
                    return null;
                }
                cached.index().removeItem(itemId);
                if (item != null && !passages.isEmpty()) {
                    cached.index().cite(item);
                    cached.index().add(passages);
                }
                indexes.put(orgId, new Cached(generation, cached.index()));
            }
            return null;
        });
    }

    @Override
    public void drop(UUID orgId) {
        Cached removed = indexes.remove(orgId);
        if (removed != null) {
            removed.index().close();
        }
    }

    private Uni<Long> generation(UUID orgId) {
        return pool.preparedQuery("select generation from knowledge_generation where org_id = $1").execute(Tuple.of(orgId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0L);
    }

    private Uni<KnowledgeIndex> rebuild(UUID orgId, long generation) {
        return reembedStale(orgId)
                .chain(() -> synonyms.of(orgId))
                .chain(organisationSynonyms -> pool.preparedQuery("select c.id, c.item_id, c.text, c.embedding,"
                        + " case when i.kind = 'FAQ' then array_to_string(array_prepend(i.question, i.phrasings), E'\\n') end"
                        + " as asked_as, i.kind, i.title, i.answer from knowledge_chunk c"
                        + " join knowledge_item i on i.id = c.item_id where c.org_id = $1 and i.enabled and i.status = 'READY'")
                        .execute(Tuple.of(orgId)).map(rows -> io.smallrye.mutiny.tuples.Tuple2.of(organisationSynonyms, rows)))
                .chain(both -> vertx.executeBlocking(() -> {
                    KnowledgeIndex index = new KnowledgeIndex(portuguese, both.getItem1(), bm25Weight);
                    List<KnowledgeIndex.Passage> passages = new ArrayList<>();
                    for (Row row : both.getItem2()) {
                        UUID itemId = row.getUUID("item_id");
                        // Each of an item's rows carries the item: citing it again only puts the same fields back.
                        index.cite(new Retrieval.Source(itemId, row.getString("kind"), row.getString("title"), row.getString("answer")));
                        passages.add(new KnowledgeIndex.Passage(row.getUUID("id"), itemId, row.getString("text"),
                                Vectors.fromBytes(row.getBuffer("embedding").getBytes()), row.getString("asked_as")));
                    }
                    index.add(passages);
                    synchronized (this) {
                        Cached previous = indexes.put(orgId, new Cached(generation, index));
                        if (previous != null && previous.index() != index) {
                            previous.index().close();
                        }
                    }
                    LOG.debugf("index of organisation %s rebuilt: %d passages, generation %d", orgId, passages.size(), generation);
                    return index;
                }));
    }

    /** Chunks embedded by another model than the current one are embedded again (a model change). */
    private Uni<Void> reembedStale(UUID orgId) {
        return pool.preparedQuery("select id, text from knowledge_chunk where org_id = $1 and model <> $2")
                .execute(Tuple.of(orgId, embedder.model()))
                .chain(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    List<String> texts = new ArrayList<>();
                    rows.forEach(r -> {
                        ids.add(r.getUUID("id"));
                        texts.add(r.getString("text"));
                    });
                    if (ids.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("re-embedding %d chunks of organisation %s with %s", ids.size(), orgId, embedder.model());
                    return vertx.executeBlocking(() -> embedder.embedAll(texts)).chain(vectors -> {
                        List<Tuple> updates = new ArrayList<>();
                        for (int i = 0; i < ids.size(); i++) {
                            updates.add(Tuple.of(io.vertx.core.buffer.Buffer.buffer(Vectors.toBytes(vectors.get(i))),
                                    embedder.model(), ids.get(i)));
                        }
                        return pool.preparedQuery("update knowledge_chunk set embedding = $1, model = $2 where id = $3")
                                .executeBatch(updates).replaceWithVoid();
                    });
                });
    }
}
