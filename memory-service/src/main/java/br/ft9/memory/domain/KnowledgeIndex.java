package br.ft9.memory.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * One organisation's passages, searchable two ways and both at once: BM25 over a Portuguese-analysed
 * Lucene index (words: names, codes, exact terms) and cosine similarity over the embeddings (meaning:
 * paraphrases), fused by a weighted sum of normalised scores. Vectors are scanned exactly, which stays within milliseconds
 * at an organisation's size (see the README's figures). Safe for concurrent searches and updates.
 */
public final class KnowledgeIndex implements AutoCloseable {

    /** A passage to index: its chunk, the item it belongs to, its text and unit-length embedding. */
    public record Passage(UUID chunkId, UUID itemId, String text, float[] vector) {
    }

    /** One result: fused score, and each part's rank (null when that part did not find it) and the cosine similarity. */
    public record Hit(UUID chunkId, UUID itemId, String text, double score, Integer bm25Rank, Integer vectorRank,
            double similarity) {
    }

    public enum Mode {
        BM25, VECTOR, HYBRID
    }

    private static final int CANDIDATES = 50;
    /** The BM25 share of the hybrid score, chosen on half of the FaQuAD questions (see RetrievalEvaluationTest). */
    public static final double DEFAULT_BM25_WEIGHT = 0.7;

    private final Analyzer analyzer = new PortugueseAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<UUID, Passage> passages = new ConcurrentHashMap<>();
    private volatile Passage[] scan = new Passage[0];

    private final double bm25Weight;

    /** An index fusing {@code bm25Weight} of the normalised BM25 score with the rest of the cosine similarity. */
    public KnowledgeIndex(double bm25Weight) {
        this.bm25Weight = bm25Weight;
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return passages.size();
    }

    /** Adds passages (an item's, or the whole organisation's when building). */
    public synchronized void add(Collection<Passage> added) {
        try {
            for (Passage passage : added) {
                Document doc = new Document();
                doc.add(new StringField("chunk", passage.chunkId().toString(), Field.Store.YES));
                doc.add(new StringField("item", passage.itemId().toString(), Field.Store.NO));
                doc.add(new TextField("text", passage.text(), Field.Store.NO));
                writer.addDocument(doc);
                passages.put(passage.chunkId(), passage);
            }
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes every passage of the item (it was edited, disabled or deleted). */
    public synchronized void removeItem(UUID itemId) {
        try {
            writer.deleteDocuments(new Term("item", itemId.toString()));
            passages.values().removeIf(p -> p.itemId().equals(itemId));
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
        scan = passages.values().toArray(Passage[]::new);
    }

    /**
     * The {@code k} best passages for the question; {@code vector} is the question's unit-length embedding.
     * Hybrid: the candidates of both parts, each scored {@code w * bm25 / best bm25 + (1 - w) * cosine}
     * (a convex combination of normalised scores; it keeps a strong lexical match on top where
     * reciprocal-rank fusion let a weaker embedding model pull it down).
     */
    public List<Hit> search(String question, float[] vector, int k, Mode mode) {
        Map<UUID, float[]> bm25 = mode == Mode.VECTOR ? Map.of() : bm25(question);
        Map<UUID, Integer> dense = mode == Mode.BM25 || vector == null ? Map.of() : nearest(vector);
        float best = bm25.values().stream().map(v -> v[1]).max(Float::compare).orElse(1f);
        Map<UUID, Double> scored = new HashMap<>();
        for (UUID id : union(bm25.keySet(), dense.keySet())) {
            Passage p = passages.get(id);
            if (p == null) {
                continue;
            }
            double lexical = bm25.containsKey(id) ? bm25.get(id)[1] / best : 0;
            double similarity = vector == null ? 0 : Vectors.dot(vector, p.vector());
            scored.put(id, switch (mode) {
                case BM25 -> lexical;
                case VECTOR -> similarity;
                case HYBRID -> bm25Weight * lexical + (1 - bm25Weight) * similarity;
            });
        }
        return scored.entrySet().stream()
                .sorted(Map.Entry.<UUID, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(k)
                .map(e -> {
                    Passage p = passages.get(e.getKey());
                    float[] lexical = bm25.get(e.getKey());
                    return new Hit(p.chunkId(), p.itemId(), p.text(), e.getValue(),
                            lexical == null ? null : (int) lexical[0], dense.get(e.getKey()),
                            vector == null ? 0 : Vectors.dot(vector, p.vector()));
                })
                .toList();
    }

    private static java.util.Set<UUID> union(java.util.Set<UUID> a, java.util.Set<UUID> b) {
        java.util.Set<UUID> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The text's index terms (Portuguese stems, stop words left out): what BM25 matches on. */
    public java.util.Set<String> terms(String text) {
        return terms(analyzer, text);
    }

    /** The text's terms as this analyzer makes them, in order, once each. */
    static java.util.Set<String> terms(Analyzer analyzer, String text) {
        java.util.Set<String> terms = new java.util.LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /** BM25 candidates: chunk id to {rank, score}. */
    private Map<UUID, float[]> bm25(String question) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        java.util.Set<String> terms = terms(question);
        if (terms.isEmpty()) {
            return Map.of();
        }
        terms.stream().limit(64).forEach(t -> query.add(new TermQuery(new Term("text", t)), BooleanClause.Occur.SHOULD));
        Map<UUID, float[]> ranks = new LinkedHashMap<>();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                int rank = 1;
                for (ScoreDoc doc : searcher.search(query.build(), CANDIDATES).scoreDocs) {
                    ranks.put(UUID.fromString(searcher.storedFields().document(doc.doc).get("chunk")),
                            new float[] { rank++, doc.score });
                }
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ranks;
    }

    private Map<UUID, Integer> nearest(float[] vector) {
        if (vector == null) {
            return Map.of();
        }
        Passage[] all = scan;
        // A bounded selection of the best CANDIDATES by similarity, without sorting everything.
        java.util.PriorityQueue<Map.Entry<Passage, Float>> best = new java.util.PriorityQueue<>(
                Comparator.comparing(Map.Entry::getValue));
        for (Passage passage : all) {
            float similarity = Vectors.dot(vector, passage.vector());
            if (best.size() < CANDIDATES) {
                best.add(Map.entry(passage, similarity));
            } else if (similarity > best.peek().getValue()) {
                best.poll();
                best.add(Map.entry(passage, similarity));
            }
        }
        List<Map.Entry<Passage, Float>> ordered = new ArrayList<>(best);
        ordered.sort(Map.Entry.<Passage, Float>comparingByValue().reversed());
        Map<UUID, Integer> ranks = new LinkedHashMap<>();
        int rank = 1;
        for (Map.Entry<Passage, Float> entry : ordered) {
            ranks.put(entry.getKey().chunkId(), rank++);
        }
        return ranks;
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
