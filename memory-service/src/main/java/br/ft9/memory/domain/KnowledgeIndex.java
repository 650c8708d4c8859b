package br.ft9.memory.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.VectorUtil;

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
     * One result: fused score, each part's rank (null when that part did not find it), the cosine similarity, the
     * share of the question's weight (rarer words weigh more) that the passage holds, how closely it says what was asked,
     * and whether it is an FAQ (sent whole) rather than a text's passage.
     */
    public record Hit(UUID chunkId, UUID itemId, String text, double score, Integer bm25Rank, Integer vectorRank,
            double similarity, double coverage, Closeness closeness, boolean faq) {
    }

    /**
     * How closely a passage says what the question asks: the share of the question's weight its best sentence holds
     * (a paraphrase of one sentence, not words scattered over the passage), and the share of the question's
     * consecutive word pairs it holds as pairs.
     */
    public record Closeness(double sentenceCoverage, double pairs) {
        public static final Closeness NONE = new Closeness(0, 0);
    }

    public enum Mode {
        BM25, VECTOR, HYBRID
    }

    private static final int CANDIDATES = 50;
    /** Above this many passages the vectors are searched in Lucene's HNSW graph rather than scanned (docs/benchmarks.md). */
    public static final int APPROXIMATE_ABOVE = 5_000;
    /** An addition this large (an organisation's whole knowledge at start) is merged into one segment, one graph. */
    private static final int BULK = 1_000;
    /** How many neighbours the graph is asked for (its int8 distances are close, not exact), the best kept. */
    private static final int GRAPH_CANDIDATES = 100;
    /** HNSW with int8-quantised vectors: a quarter of the memory, and the graph's distances computed on bytes. */
    private static final KnnVectorsFormat QUANTISED_HNSW =
            new Lucene99HnswScalarQuantizedVectorsFormat();
    /** How many of the best fused candidates are weighed again by their closeness to the question. */
    private static final int RERANKED = 20;
    /** Closeness's shares of the final score, chosen on the even half of the FaQuAD questions (docs/retrieval.md). */
    private static final double SENTENCE_WEIGHT = 0.4;
    private static final double PAIRS_WEIGHT = 0.3;
    /** The most passages whose sentences are kept read (an organisation's questions hit the same few again). */
    private static final int READS_KEPT = 4096;
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
    /** The items the passages come from, as an answer cites them: read with the passages, so a search reads no item. */
    private final Map<UUID, Retrieval.Source> items = new ConcurrentHashMap<>();
    /** How many passages each item has here, and how many items carry each title: whether a title names one passage. */
    private final Map<UUID, Integer> passagesOfItem = new ConcurrentHashMap<>();
    private final Map<String, Integer> itemsTitled = new ConcurrentHashMap<>();
    /** Each titled text's heading, read once when the item is cited. */
    private final Map<UUID, Heading> headings = new ConcurrentHashMap<>();

    /** A text's title as the items that share it are counted ({@code key}) and as terms. */
    private record Heading(String key, Set<String> terms) {
    }
    private volatile Passage[] scan = new Passage[0];
    /** How many of the passages are FAQs (their question field is searched only when there are some). */
    private final AtomicInteger faqs = new AtomicInteger();
    /** Whether the passages' vectors are in Lucene's HNSW graph (the index passed {@link #APPROXIMATE_ABOVE} once). */
    private volatile boolean graphed;
    /** The vectors' dimensions in the HNSW graph (0 until the first). */
    private volatile int dimensions;
    private final Map<UUID, Read> reads = java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Read> eldest) {
            return size() > READS_KEPT;
        }
    });

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
            writer = new IndexWriter(directory, new IndexWriterConfig(portuguese.analyzer()).setSimilarity(SIMILARITY)
                    .setCodec(new Lucene912Codec() {
                        @Override
                        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                            return QUANTISED_HNSW;
                        }
                    }));
            searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
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
                if (passages.put(passage.chunkId(), passage) == null) {
                    passagesOfItem.merge(passage.itemId(), 1, Integer::sum);
                    vocabulary.add(passage.text());
                    if (passage.question() != null) {
                        faqs.incrementAndGet();
                    }
                }
            }
            if (!graphed && passages.size() > APPROXIMATE_ABOVE) {
                // Past the size where the graph beats the scan: every passage indexed again, now with its vector.
                graphed = true;
                writer.deleteAll();
                for (Passage passage : passages.values()) {
                    writer.addDocument(document(passage));
                }
                writer.forceMerge(1);
            } else {
                for (Passage passage : added) {
                    writer.addDocument(document(passage));
                }
                if (graphed && added.size() >= BULK) {
                    writer.forceMerge(1); // one graph: a search visits every segment's own
                }
            }
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A passage's Lucene document: its ids, its text three ways, and its vector once the index is graphed. */
    private Document document(Passage passage) {
        Document doc = new Document();
        doc.add(new StringField("chunk", passage.chunkId().toString(), Field.Store.NO));
        doc.add(new NumericDocValuesField("chunk_high", passage.chunkId().getMostSignificantBits()));
        doc.add(new NumericDocValuesField("chunk_low", passage.chunkId().getLeastSignificantBits()));
        doc.add(new StringField("item", passage.itemId().toString(), Field.Store.NO));
        doc.add(new TextField("text", passage.text(), Field.Store.NO));
        doc.add(new TextField("exact", passage.text(), Field.Store.NO));
        if (passage.question() != null) {
            doc.add(new TextField("question", passage.question(), Field.Store.NO));
        }
        if (graphed && passage.vector() != null && passage.vector().length > 1
                && (dimensions == 0 || dimensions == passage.vector().length)) {
            dimensions = passage.vector().length; // one model's vectors per graph (a model change re-embeds)
            doc.add(new KnnFloatVectorField("vector", passage.vector(),
                    VectorSimilarityFunction.DOT_PRODUCT));
        }
        return doc;
    }

    /** The chunk ids of the documents found, in their order (read from doc values, not the stored fields). */
    private static List<UUID> chunkIds(IndexSearcher searcher, ScoreDoc[] found) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        UUID[] ids = new UUID[found.length];
        Integer[] order = new Integer[found.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Doc values are read forwards: the documents in their index order, then the ids put back in the hits' order.
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> found[i].doc));
        int leaf = -1;
        NumericDocValues high = null;
        NumericDocValues low = null;
        int base = 0;
        for (int i : order) {
            int doc = found[i].doc;
            int at = ReaderUtil.subIndex(doc, leaves);
            if (at != leaf) {
                leaf = at;
                base = leaves.get(at).docBase;
                high = DocValues.getNumeric(leaves.get(at).reader(), "chunk_high");
                low = DocValues.getNumeric(leaves.get(at).reader(), "chunk_low");
            }
            high.advanceExact(doc - base);
            low.advanceExact(doc - base);
            ids[i] = new UUID(high.longValue(), low.longValue());
        }
        return java.util.Arrays.asList(ids);
    }

    /** The item its passages cite (title, kind, an FAQ's answer): null when the index holds none of its passages. */
    public Retrieval.Source item(UUID itemId) {
        return items.get(itemId);
    }

    /** The item some passages come from, as they cite it (replacing what was known of it); {@link #removeItem} forgets it. */
    public synchronized void cite(Retrieval.Source item) {
        Retrieval.Source before = items.put(item.id(), item);
        if (before != null && java.util.Objects.equals(before.title(), item.title()) && java.util.Objects.equals(before.kind(), item.kind())) {
            return; // the rebuild cites an item once per passage
        }
        forgetTitle(before);
        headings.remove(item.id());
        if (item.title() != null) {
            String key = titleKey(item.title());
            itemsTitled.merge(key, 1, Integer::sum);
            if (!KnowledgeItem.FAQ.equals(item.kind())) {
                headings.put(item.id(), new Heading(key, new HashSet<>(portuguese.termList(item.title()))));
            }
        }
    }

    private void forgetTitle(Retrieval.Source item) {
        if (item != null && item.title() != null) {
            itemsTitled.computeIfPresent(titleKey(item.title()), (title, count) -> count == 1 ? null : count - 1);
        }
    }

    private static String titleKey(String title) {
        return PortugueseText.plainWords(title);
    }

    /**
     * A text's title is the heading of each of its sentences ("Preparo para exames de sangue" says what "faça jejum de 8
     * a 12 horas" is about), when the title names this passage alone: the item is this one passage and no other item has
     * its title. The title of a long text (many passages) or one shared by several
     * items names a document, not what a passage says, and counting it drew answers from a passage next to the one that
     * would have answered (docs/retrieval.md).
     */
    private Set<String> heading(Passage passage) {
        Heading heading = headings.get(passage.itemId());
        return heading != null && passage.question() == null && passagesOfItem.getOrDefault(passage.itemId(), 0) == 1
                && itemsTitled.getOrDefault(heading.key(), 0) == 1 ? heading.terms() : Set.of();
    }

    /** Removes every passage of the item, and the item (it was edited, disabled or deleted). */
    public synchronized void removeItem(UUID itemId) {
        forgetTitle(items.remove(itemId));
        headings.remove(itemId);
        passagesOfItem.remove(itemId);
        try {
            writer.deleteDocuments(new Term("item", itemId.toString()));
            passages.values().removeIf(p -> {
                if (p.itemId().equals(itemId)) {
                    reads.remove(p.chunkId());
                    if (p.question() != null) {
                        faqs.decrementAndGet();
                    }
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

    /**
     * The question as this organisation writes: abbreviations written out, a word the knowledge never uses spelled as a
     * word it does when one is a letter or two away ("discplinas" → "disciplinas"), accents the patient left out put back.
     */
    public String reading(String question) {
        return vocabulary.restore(spelled(PortugueseText.writtenOut(question)));
    }

    /**
     * How alike a correction must be (Lucene's spell checker's string similarity), chosen on the even half of the FaQuAD
     * questions; at 0.75 "quanto custa uma consulta com nutricionista" found a word the knowledge uses.
     */
    private static final float SPELLED_ACCURACY = 0.85f;

    /** Each word the knowledge never uses replaced by the closest one it uses, if any is close (Lucene's spell checker). */
    private String spelled(String text) {
        Matcher words = WORD.matcher(text);
        StringBuilder out = null;
        int last = 0;
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                IndexReader reader = searcher.getIndexReader();
                if (reader.numDocs() == 0) {
                    return text;
                }
                while (words.find()) {
                    String word = words.group();
                    if (word.codePointCount(0, word.length()) < ONE_EDIT_FROM) {
                        continue; // too short for any correction to be alike enough
                    }
                    List<String> exact = portuguese.exactTerms(word);
                    if (exact.size() != 1) {
                        continue; // a stop word
                    }
                    String folded = exact.get(0);
                    int letters = folded.codePointCount(0, folded.length());
                    Term unknown = new Term("exact", folded);
                    if (letters < ONE_EDIT_FROM || reader.docFreq(unknown) > 0) {
                        continue; // shorter once folded, or a word the knowledge uses
                    }
                    SuggestWord[] close = ONE_EDIT.suggestSimilar(unknown, 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX,
                            SPELLED_ACCURACY);
                    if (close.length == 0 && letters >= TWO_EDITS_FROM) {
                        close = TWO_EDITS.suggestSimilar(unknown, 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX, SPELLED_ACCURACY);
                    }
                    if (close.length > 0) {
                        if (out == null) {
                            out = new StringBuilder(text.length() + 8);
                        }
                        out.append(text, last, words.start()).append(close[0].string);
                        last = words.end();
                    }
                }
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    /** Lucene's spell checker over the exact-form field, the first letter kept: one edit at most, and two. */
    private static final DirectSpellChecker ONE_EDIT = spellChecker(1);
    private static final DirectSpellChecker TWO_EDITS = spellChecker(2);
    /**
     * The fewest letters a word needs for a correction one edit, or two, away to be as alike as {@link #SPELLED_ACCURACY}
     * (7 and 14). The spell checker scores a correction 1 - edits / the shorter word's letters, after it has searched the
     * index's words that many edits away: a shorter word skips a search whose finds would all be refused (the search for
     * two edits took a question's reading 3-4 ms at 10,000 passages, 2026-12-07). A correction one edit away always scores
     * above one two edits away, so the second search is made only when the first found none.
     */
    private static final int ONE_EDIT_FROM = fewestLetters(1);
    private static final int TWO_EDITS_FROM = fewestLetters(2);

    private static DirectSpellChecker spellChecker(int edits) {
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMaxEdits(edits);
        return checker;
    }

    /** As the spell checker computes it (FuzzyTermsEnum's boost), in floats. */
    private static int fewestLetters(int edits) {
        int letters = 1;
        while (1.0f - (float) edits / (float) letters < SPELLED_ACCURACY) {
            letters++;
        }
        return letters;
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
        // The best fused candidates are weighed again by how closely they say what was asked (Closeness).
        Map<UUID, Closeness> closeness = new HashMap<>();
        if (mode == Mode.HYBRID) {
            scored.entrySet().stream()
                    .sorted(Map.Entry.<UUID, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                    .limit(Math.max(k, RERANKED))
                    .toList()
                    .forEach(e -> {
                        Closeness close = closeness(asked, passages.get(e.getKey()));
                        closeness.put(e.getKey(), close);
                        scored.put(e.getKey(), e.getValue() + SENTENCE_WEIGHT * close.sentenceCoverage() + PAIRS_WEIGHT * close.pairs());
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
                            vector == null ? 0 : Vectors.dot(vector, p.vector()), coverage(asked, p),
                            closeness.getOrDefault(e.getKey(), Closeness.NONE), p.question() != null);
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
    private record Asked(Set<String> terms, Map<String, Set<String>> alternatives, Set<String> exact, List<String> order,
            Map<String, Double> weights, double total, AnswerShape shape) {
    }

    private Asked asked(String question) {
        String reading = reading(question);
        List<String> terms = portuguese.termList(reading);
        List<String> exact = portuguese.exactTerms(reading);
        Set<String> asked = new LinkedHashSet<>(terms.subList(0, Math.min(terms.size(), 64)));
        Map<String, Double> weights = new HashMap<>();
        double total = 0;
        for (String term : asked) {
            double weight = weight(term);
            weights.put(term, weight);
            total += weight;
        }
        return new Asked(asked, synonyms.alternatives(terms), new LinkedHashSet<>(exact.subList(0, Math.min(exact.size(), 64))),
                terms.subList(0, Math.min(terms.size(), 64)), weights, total, AnswerShape.of(reading));
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
        if (passage.chunkId() == null) {
            return share(asked, new HashSet<>(portuguese.termList(passage.text())), Set.of());
        }
        Read read = read(passage);
        return share(asked, read.all(), heading(passage));
    }

    /**
     * The share of the question's weight that the terms {@code held} hold, or the passage's {@code heading} (a synonym
     * of a term counts as the term).
     */
    private static double share(Asked asked, Set<String> held, Set<String> heading) {
        double covered = 0;
        for (String term : asked.terms()) {
            if (holds(asked, held, term) || !heading.isEmpty() && holds(asked, heading, term)) {
                covered += asked.weights().get(term);
            }
        }
        return covered / asked.total();
    }

    private static boolean holds(Asked asked, Set<String> held, String term) {
        return held.contains(term) || asked.alternatives().getOrDefault(term, Set.of()).stream().anyMatch(held::contains);
    }

    /** The passage's closeness to the question (see {@link Closeness}); its sentences' terms are read once and kept. */
    private Closeness closeness(Asked asked, Passage passage) {
        if (asked.terms().isEmpty()) {
            return Closeness.NONE;
        }
        Read read = read(passage);
        Set<String> heading = heading(passage);
        double best = 0;
        for (int s = 0; s < read.sentences().size(); s++) {
            // A sentence without the kind of answer asked for (a number, a date, what a thing is) says it less closely.
            boolean shaped = read.folded() == null || asked.shape().heldByFolded(read.folded().get(s));
            best = Math.max(best, share(asked, read.sentences().get(s), heading) * (shaped ? 1 : Excerpts.TYPE_PENALTY));
        }
        List<String> order = asked.order();
        int pairs = 0;
        int heldPairs = 0;
        for (int p = 0; p + 1 < order.size(); p++) {
            pairs++;
            if (read.pairs().contains(order.get(p) + " " + order.get(p + 1))) {
                heldPairs++;
            }
        }
        return new Closeness(best, pairs == 0 ? 0 : heldPairs / (double) pairs);
    }

    /**
     * A passage's terms per sentence, its sentences folded to lower case without accents (as {@link AnswerShape} reads
     * them; none for an FAQ, which is one unit), its terms all together, and its consecutive term pairs.
     */
    private record Read(List<Set<String>> sentences, List<String> folded, Set<String> all, Set<String> pairs) {
    }

    /** The passage as read, from the kept reads when it was read lately. */
    private Read read(Passage passage) {
        Read read = reads.get(passage.chunkId());
        if (read == null) {
            read = reading(passage); // outside the map's lock: searches read other passages meanwhile
            reads.put(passage.chunkId(), read);
        }
        return read;
    }

    private Read reading(Passage passage) {
        List<Set<String>> sentences = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        if (passage.question() != null) {
            // An FAQ is sent whole: it is one unit, its question, phrasings and answer together.
            Set<String> all = new HashSet<>(portuguese.termList(passage.text()));
            for (String line : (passage.text() + "\n" + passage.question()).split("\n")) {
                List<String> terms = portuguese.termList(line);
                all.addAll(terms);
                addPairs(terms, pairs);
            }
            sentences.add(all);
            return new Read(sentences, null, all, pairs);
        }
        Set<String> all = new HashSet<>();
        List<String> folded = new ArrayList<>();
        for (String sentence : Excerpts.sentences(passage.text())) {
            Set<String> terms = new HashSet<>(portuguese.termList(sentence));
            sentences.add(terms);
            all.addAll(terms);
            folded.add(AnswerShape.folded(sentence));
        }
        addPairs(portuguese.termList(passage.text()), pairs);
        return new Read(sentences, folded, all, pairs);
    }

    private static void addPairs(List<String> terms, Set<String> pairs) {
        for (int i = 0; i + 1 < terms.size(); i++) {
            pairs.add(terms.get(i) + " " + terms.get(i + 1));
        }
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
            if (faqs.get() > 0) {
                query.add(new BoostQuery(new TermQuery(new Term("question", t)), QUESTION_BOOST * boost), BooleanClause.Occur.SHOULD);
            }
        });
        asked.exact().forEach(t -> query.add(new BoostQuery(new TermQuery(new Term("exact", t)), EXACT_BOOST), BooleanClause.Occur.SHOULD));
        Map<UUID, float[]> ranks = new LinkedHashMap<>();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                ScoreDoc[] found = searcher.search(query.build(), CANDIDATES).scoreDocs;
                List<UUID> ids = chunkIds(searcher, found);
                for (int i = 0; i < found.length; i++) {
                    ranks.put(ids.get(i), new float[] { i + 1, found[i].score });
                }
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ranks;
    }

    /**
     * The passages nearest the question's vector: an exact scan for an organisation's usual size, Lucene's HNSW graph
     * (int8-quantised) above {@link #APPROXIMATE_ABOVE} passages, where the scan's cost grows past the graph's.
     */
    private Map<UUID, Integer> nearest(float[] vector) {
        if (vector == null) {
            return Map.of();
        }
        Passage[] all = scan;
        if (graphed && vector.length == dimensions) {
            return approximateNearest(vector);
        }
        // A bounded selection of the best CANDIDATES by similarity, without sorting everything.
        java.util.PriorityQueue<Map.Entry<Passage, Float>> best = new java.util.PriorityQueue<>(
                Comparator.comparing(Map.Entry::getValue));
        for (Passage passage : all) {
            float similarity = VectorUtil.dotProduct(vector, passage.vector());
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

    private Map<UUID, Integer> approximateNearest(float[] vector) {
        Map<UUID, Integer> ranks = new LinkedHashMap<>();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                ScoreDoc[] found = searcher.search(new KnnFloatVectorQuery("vector", vector, GRAPH_CANDIDATES),
                        CANDIDATES).scoreDocs;
                List<UUID> ids = chunkIds(searcher, found);
                for (int i = 0; i < found.length; i++) {
                    ranks.put(ids.get(i), i + 1);
                }
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
