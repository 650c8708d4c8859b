package br.ft9.memory.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.memory.domain.Embedder;
import br.ft9.memory.domain.KnowledgeIndex;
import br.ft9.memory.domain.Vectors;
import br.ft9.memory.infra.LocalEmbedder;

/**
 * Benchmark (not a test; run with deploy/local/bench-search.sh): embedding throughput of the in-process model on
 * FaQuAD's passages, query-embedding latency, and hybrid search latency p50/p99 of one organisation's index at 10k
 * and 100k passages while two other organisations' indexes are loaded, with the vector half's recall@10 against an
 * exact scan. Passages at scale are two of FaQuAD's sentences recombined, their vector the normalised sum of the two
 * sentences' real embeddings (so the vectors cluster as real ones do; random vectors are the graph's worst case), and
 * the questions are FaQuAD's, embedded.
 */
public final class SearchBenchmark {

    /** Queries before the timed ones, and timed ones (p99 from 5,000 is the 50 slowest, not 10). */
    private static final int WARM_UP = Integer.getInteger("ft9.bench.warm-up", 5_000);
    private static final int TIMED = 5_000;

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    public static void main(String[] args) throws IOException {
        List<JsonNode> passages = Eval.lines("passages.jsonl");
        List<JsonNode> questions = Eval.lines("questions-dev.jsonl");
        System.out.printf("machine: %d cores, Java %s, max heap %d MB, collector %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(java.lang.management.GarbageCollectorMXBean::getName).toList());

        Embedder embedder = new LocalEmbedder();
        List<String> texts = passages.stream().map(p -> p.path("passage").asText()).toList();
        embedder.embedAll(texts.subList(0, 20)); // warm-up
        long started = System.nanoTime();
        embedder.embedAll(texts);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("embedding (%s, batch): %d passages of ~%d words in %.1f s = %.0f passages/s%n", embedder.model(),
                texts.size(), texts.stream().mapToInt(t -> t.split("\\s+").length).sum() / texts.size(), seconds, texts.size() / seconds);
        long[] queryNanos = new long[100];
        for (int i = 0; i < queryNanos.length; i++) {
            long t = System.nanoTime();
            embedder.embed(questions.get(i).path("question").asText());
            queryNanos[i] = System.nanoTime() - t;
        }
        System.out.printf("query embedding: p50 %.1f ms, p99 %.1f ms%n", pct(queryNanos, 50), pct(queryNanos, 99));

        List<String> sentences = new ArrayList<>();
        for (String text : texts) {
            sentences.addAll(Arrays.asList(text.split("(?<=[.;:])\\s+")));
        }
        List<float[]> sentenceVectors = embedder.embedAll(sentences);
        List<String> asked = questions.stream().map(q -> q.path("question").asText()).toList();
        List<float[]> questionVectors = embedder.embedAll(asked);
        System.out.printf("%d sentences embedded to recombine into passages%n", sentences.size());

        Random random = new Random(42);
        List<KnowledgeIndex> others = List.of(build(10_000, sentences, sentenceVectors, random).index(),
                build(10_000, sentences, sentenceVectors, random).index());
        for (int size : Arrays.stream(System.getProperty("ft9.bench.sizes", "10000,100000").split(",")).mapToInt(Integer::parseInt)
                .toArray()) {
            long t = System.nanoTime();
            Built built = build(size, sentences, sentenceVectors, random);
            KnowledgeIndex index = built.index();
            double buildSeconds = (System.nanoTime() - t) / 1e9;
            // Steady state, as a running service is after its first minutes: the optimising compiler needs thousands of
            // calls of the hot methods (100 warm-up queries, before 2026-12-01, left it compiling inside the timed loop).
            for (int i = 0; i < WARM_UP; i++) {
                index.search(asked.get(i % asked.size()), questionVectors.get(i % asked.size()), 10, KnowledgeIndex.Mode.HYBRID);
            }
            long[] nanos = new long[TIMED];
            long gcBefore = gcMillis();
            long loopStarted = System.nanoTime();
            for (int i = 0; i < nanos.length; i++) {
                int q = (i * 7) % asked.size();
                long s = System.nanoTime();
                index.search(asked.get(q), questionVectors.get(q), 10, KnowledgeIndex.Mode.HYBRID);
                nanos[i] = System.nanoTime() - s;
            }
            System.out.printf("  garbage collection during the %,d timed queries: %d ms of %d ms%n", TIMED, gcMillis() - gcBefore,
                    (System.nanoTime() - loopStarted) / 1_000_000);
            for (KnowledgeIndex.Mode mode : new KnowledgeIndex.Mode[] { KnowledgeIndex.Mode.BM25, KnowledgeIndex.Mode.VECTOR }) {
                long[] part = new long[500];
                for (int i = 0; i < part.length; i++) {
                    int q = (i * 7) % asked.size();
                    long s = System.nanoTime();
                    index.search(asked.get(q), questionVectors.get(q), 10, mode);
                    part[i] = System.nanoTime() - s;
                }
                System.out.printf("  %s alone: p50 %.2f ms, p99 %.2f ms%n", mode, pct(part, 50), pct(part, 99));
            }
            // The vector half alone against an exact scan of the same vectors: recall@10.
            double recall = 0;
            for (int q = 0; q < asked.size(); q++) {
                Set<UUID> exact = exactTop(built, questionVectors.get(q), 10);
                Set<UUID> found = new HashSet<>();
                index.search(asked.get(q), questionVectors.get(q), 10, KnowledgeIndex.Mode.VECTOR).forEach(h -> found.add(h.chunkId()));
                found.retainAll(exact);
                recall += found.size() / 10.0;
            }
            System.out.printf("hybrid search, %,d passages (built in %.1f s; 2 other organisations of 10,000 loaded; vectors %s):"
                    + " p50 %.2f ms, p99 %.2f ms over %,d queries after %,d; vector recall@10 against the exact scan %.3f%n", size, buildSeconds,
                    size > KnowledgeIndex.APPROXIMATE_ABOVE ? "in the HNSW graph, int8" : "scanned exactly",
                    pct(nanos, 50), pct(nanos, 99), nanos.length, WARM_UP, recall / asked.size());
            index.close();
        }
        others.forEach(KnowledgeIndex::close);
    }

    /** An index and the passages it holds. */
    record Built(KnowledgeIndex index, List<KnowledgeIndex.Passage> passages) {
    }

    private static Built build(int size, List<String> sentences, List<float[]> vectors, Random random) {
        KnowledgeIndex index = new KnowledgeIndex(br.ft9.memory.infra.PortugueseTextProducer.load(java.nio.file.Path.of("/usr/share/hunspell")),
                br.ft9.memory.domain.Synonyms.NONE, KnowledgeIndex.DEFAULT_BM25_WEIGHT);
        List<KnowledgeIndex.Passage> all = new ArrayList<>();
        List<KnowledgeIndex.Passage> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int a = random.nextInt(sentences.size());
            int b = random.nextInt(sentences.size());
            float[] sum = new float[vectors.get(a).length];
            for (int d = 0; d < sum.length; d++) {
                sum[d] = vectors.get(a)[d] + vectors.get(b)[d];
            }
            KnowledgeIndex.Passage passage = new KnowledgeIndex.Passage(UUID.randomUUID(), UUID.randomUUID(),
                    sentences.get(a) + " " + sentences.get(b), Embedder.normalise(sum));
            batch.add(passage);
            all.add(passage);
            if (batch.size() == 5_000) {
                index.add(batch);
                batch = new ArrayList<>();
            }
        }
        index.add(batch);
        return new Built(index, all);
    }

    private static Set<UUID> exactTop(Built built, float[] vector, int k) {
        java.util.PriorityQueue<java.util.Map.Entry<UUID, Float>> best = new java.util.PriorityQueue<>(java.util.Map.Entry.comparingByValue());
        for (KnowledgeIndex.Passage passage : built.passages()) {
            float similarity = Vectors.dot(vector, passage.vector());
            if (best.size() < k) {
                best.add(java.util.Map.entry(passage.chunkId(), similarity));
            } else if (similarity > best.peek().getValue()) {
                best.poll();
                best.add(java.util.Map.entry(passage.chunkId(), similarity));
            }
        }
        Set<UUID> top = new HashSet<>();
        best.forEach(e -> top.add(e.getKey()));
        return top;
    }

    private static double pct(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** Reads the evaluation set from the test resources. */
    static final class Eval {
        static List<JsonNode> lines(String name) throws IOException {
            return br.ft9.memory.eval.AnswerEvaluation.lines("faquad/" + name);
        }
    }
}
