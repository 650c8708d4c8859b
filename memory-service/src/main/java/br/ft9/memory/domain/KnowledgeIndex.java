package br.ft9.memory.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * One organisation's passages, searchable two ways and both at once: BM25 over a Portuguese-analysed
 * Lucene index (words: names, codes, exact terms; an FAQ's question and phrasings also on a field of their own) and
 * cosine similarity over the embeddings (meaning: paraphrases), fused by a weighted sum of normalised scores. A question
 * is read with the organisation's own spelling (accents the patient left out are put back from the knowledge's words)
 * and synonyms. Each hit says how much of the question it covers, rarer words weighing more: what the decision to answer
 * or hand off reads. Vectors are scanned exactly, which stays within milliseconds at an organisation's size (see the
 * README's figures). Safe for concurrent searches and updates.
 */
public final class KnowledgeIndex implements AutoCloseable {

    /**
     * A passage to index: its chunk, the item it belongs to, its text and unit-length embedding, and for an FAQ its
     * question and other phrasings (null otherwise), which match on a field of their own as well.
     */
    public record Passage(UUID chunkId, UUID itemId, String text, float[] vector, String question) {
        public Passage(UUID chunkId, UUID itemId, String text, float[] vector) {
            this(chunkId, itemId, text, vector, null);
        }
    }

    /**
     * One result: fused score, each part's rank (null when that part did not find it), the cosine similarity, and the
     * share of the question's weight (rarer words weigh more) that the passage holds.
     */
    public record Hit(UUID chunkId, UUID itemId, String text, double score, Integer bm25Rank, Integer vectorRank,
            double similarity, double coverage) {
    }

    public enum Mode {
        BM25, VECTOR, HYBRID
    }

    private static final int CANDIDATES = 50;
    /** The BM25 share of the hybrid score, chosen on the even half of the FaQuAD questions (see docs/retrieval.md). */
    public static final double DEFAULT_BM25_WEIGHT = 0.7;
    /**
     * BM25's share when the vectors come from an OpenAI-compatible model: multilingual models know Portuguese, so their
     * vectors weigh more. Not tuned here (no such endpoint is reachable from these machines): measure with
     * {@code OPENAI_API_KEY=... deploy/local/eval.sh} and set {@code KNOWLEDGE_BM25_WEIGHT}.
     */
    public static final double REMOTE_MODEL_BM25_WEIGHT = 0.5;

    /** The hybrid's BM25 share for vectors of {@code model}: the in-process model's tuned weight, or the remote one's. */
    public static double defaultBm25Weight(String model) {
        return model.startsWith("openai:") ? REMOTE_MODEL_BM25_WEIGHT : DEFAULT_BM25_WEIGHT;
    }

    /** BM25's length normalisation, a little above Lucene's 0.75: chosen with the weight, on the same half. */
    private static final BM25Similarity SIMILARITY = new BM25Similarity(1.2f, 0.9f);
    /** An FAQ's question and phrasings count more than its answer: the patient asks a question, not an answer. */
    private static final float QUESTION_BOOST = 1.5f;
    /** The most a light word ("posso", "hoje") weighs in coverage: about what a word in half the passages weighs. */
    private static final double LIGHT_WEIGHT = 0.5;
    /** A light word's share of a query term's boost: enough to break ties between passages, not to rank them. */
    private static final float LIGHT_BOOST = 0.2f;
    /** Words as written (no stems) count too, half as much: the stemmer joins words that are not the same. */
    private static final float EXACT_BOOST = 0.5f;

    private final PortugueseText portuguese;
    private final Synonyms.Analysed synonyms;
    private final Vocabulary vocabulary = new Vocabulary();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<UUID, Passage> passages = new ConcurrentHashMap<>();
    private volatile Passage[] scan = new Passage[0];

    private final double bm25Weight;

    /**
     * An index reading {@code portuguese}, expanding the organisation's {@code synonyms}, fusing {@code bm25Weight} of the
     * normalised BM25 score with the rest of the cosine similarity.
     */
    public KnowledgeIndex(PortugueseText portuguese, Synonyms synonyms, double bm25Weight) {
        this.portuguese = portuguese;
        this.synonyms = synonyms.analysed(portuguese);
        this.bm25Weight = bm25Weight;
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(portuguese.analyzer()).setSimilarity(SIMILARITY));
            searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader, org.apache.lucene.index.IndexReader previous) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setSimilarity(SIMILARITY);
                    return searcher;
                }
            });
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
                doc.add(new TextField("exact", passage.text(), Field.Store.NO));
                if (passage.question() != null) {
                    doc.add(new TextField("question", passage.question(), Field.Store.NO));
                }
                writer.addDocument(doc);
                if (passages.put(passage.chunkId(), passage) == null) {
                    vocabulary.add(passage.text());
                }
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
            passages.values().removeIf(p -> {
                if (p.itemId().equals(itemId)) {
                    vocabulary.remove(p.text());
                    return true;
                }
                return false;
            });
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
        vocabulary.refresh();
        scan = passages.values().toArray(Passage[]::new);
    }

    /** The question as this organisation writes: abbreviations written out, accents the patient left out put back. */
    public String reading(String question) {
        return vocabulary.restore(PortugueseText.writtenOut(question));
    }

    /**
     * The {@code k} best passages for the question; {@code vector} is the question's unit-length embedding.
     * Hybrid: the candidates of both parts, each scored {@code w * bm25 / best bm25 + (1 - w) * cosine}
     * (a convex combination of normalised scores; it keeps a strong lexical match on top where
     * reciprocal-rank fusion let a weaker embedding model pull it down).
     */
    public List<Hit> search(String question, float[] vector, int k, Mode mode) {
        Asked asked = asked(question);
        Map<UUID, float[]> bm25 = mode == Mode.VECTOR ? Map.of() : bm25(asked);
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
                            vector == null ? 0 : Vectors.dot(vector, p.vector()), coverage(asked, p));
                })
                .toList();
    }

    /**
     * The part of a passage that answers the question, and the share of the question's weight that part holds: an
     * FAQ whole (its answer is written to be read as it is), a text's best sentences within {@code maxWords}.
     */
    public record Excerpt(String text, double coverage) {
    }

    /** The excerpt of the hit's passage that answers the question (see {@link Excerpt}). */
    public Excerpt excerpt(String question, Hit hit, int maxWords) {
        Passage passage = passages.get(hit.chunkId());
        if (passage == null || passage.question() != null) {
            return new Excerpt(hit.text(), hit.coverage());
        }
        String reading = reading(question);
        String text = new Excerpts(portuguese, this::rarity).of(reading, hit.text(), maxWords);
        return new Excerpt(text, coverage(asked(question), new Passage(null, null, text, null, null)));
    }

    /** A question's terms, each with the other stems that mean the same for this organisation (its synonyms). */
    private record Asked(Set<String> terms, Map<String, Set<String>> alternatives, Set<String> exact) {
    }

    private Asked asked(String question) {
        String reading = reading(question);
        List<String> terms = portuguese.termList(reading);
        List<String> exact = portuguese.exactTerms(reading);
        return new Asked(new LinkedHashSet<>(terms.subList(0, Math.min(terms.size(), 64))), synonyms.alternatives(terms),
                new LinkedHashSet<>(exact.subList(0, Math.min(exact.size(), 64))));
    }

    /**
     * The share of the question's weight the passage holds: each term weighs its rarity in this organisation's knowledge
     * (a word no passage holds weighs most: the knowledge does not speak of it); a term counts as held when the passage
     * has it or one of its synonyms.
     */
    private double coverage(Asked asked, Passage passage) {
        if (asked.terms().isEmpty()) {
            return 0;
        }
        Set<String> held = new HashSet<>(portuguese.termList(passage.text()));
        if (passage.question() != null) {
            held.addAll(portuguese.termList(passage.question()));
        }
        double total = 0;
        double covered = 0;
        for (String term : asked.terms()) {
            double weight = weight(term);
            total += weight;
            if (held.contains(term) || asked.alternatives().getOrDefault(term, Set.of()).stream().anyMatch(held::contains)) {
                covered += weight;
            }
        }
        return covered / total;
    }

    /** A question term's weight in coverage: its rarity, little for everyday conversation's light words. */
    private double weight(String term) {
        double rarity = rarity(term);
        return portuguese.light(term) ? Math.min(rarity, LIGHT_WEIGHT) : rarity;
    }

    /** How rare a term is in this organisation's knowledge: BM25's inverse document frequency. */
    public double rarity(String term) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                long documents = Math.max(1, searcher.getIndexReader().numDocs());
                int frequency = searcher.getIndexReader().docFreq(new Term("text", term));
                return Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.Set<UUID> union(java.util.Set<UUID> a, java.util.Set<UUID> b) {
        java.util.Set<UUID> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The text's index terms (Portuguese stems, stop words left out): what BM25 matches on. */
    public Set<String> terms(String text) {
        return portuguese.terms(text);
    }

    public PortugueseText portuguese() {
        return portuguese;
    }

    /** BM25 candidates: chunk id to {rank, score}. */
    private Map<UUID, float[]> bm25(Asked asked) {
        if (asked.terms().isEmpty()) {
            return Map.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        Set<String> all = new LinkedHashSet<>(asked.terms());
        asked.alternatives().values().forEach(all::addAll);
        all.stream().limit(BooleanQuery.getMaxClauseCount() / 3).forEach(t -> {
            // Light words ("posso", "hoje") must not pull a passage up for sharing them.
            float boost = portuguese.light(t) ? LIGHT_BOOST : 1f;
            query.add(new BoostQuery(new TermQuery(new Term("text", t)), boost), BooleanClause.Occur.SHOULD);
            query.add(new BoostQuery(new TermQuery(new Term("question", t)), QUESTION_BOOST * boost), BooleanClause.Occur.SHOULD);
        });
        asked.exact().forEach(t -> query.add(new BoostQuery(new TermQuery(new Term("exact", t)), EXACT_BOOST), BooleanClause.Occur.SHOULD));
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
