package br.ft9.memory.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.memory.domain.Embedder;
import br.ft9.memory.domain.KnowledgeIndex;
import br.ft9.memory.infra.LocalEmbedder;

/**
 * Benchmark (not a test; run with deploy/local/bench-search.sh): embedding throughput of the in-process model on
 * FaQuAD's passages, query-embedding latency, and hybrid search latency p50/p99 of one organisation's index at 10k
 * and 100k passages while two other organisations' indexes are loaded. Passages at scale are sentences of FaQuAD
 * recombined, with random unit vectors: search cost does not depend on what the vectors mean, and embedding 100k
 * real passages would take a quarter of an hour here.
 */
public final class SearchBenchmark {

    public static void main(String[] args) throws IOException {
        List<JsonNode> passages = Eval.lines("passages.jsonl");
        List<JsonNode> questions = Eval.lines("questions-dev.jsonl");
        System.out.printf("machine: %d cores, Java %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024));

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
        Random random = new Random(42);
        List<KnowledgeIndex> others = List.of(build(10_000, sentences, random), build(10_000, sentences, random));
        for (int size : new int[] { 10_000, 100_000 }) {
            long t = System.nanoTime();
            KnowledgeIndex index = build(size, sentences, random);
            double buildSeconds = (System.nanoTime() - t) / 1e9;
            long[] nanos = new long[500];
            for (int i = 0; i < 50; i++) {
                index.search(questions.get(i).path("question").asText(), unit(random), 10, KnowledgeIndex.Mode.HYBRID);
            }
            for (int i = 0; i < nanos.length; i++) {
                String question = questions.get(i % questions.size()).path("question").asText();
                float[] vector = unit(random);
                long s = System.nanoTime();
                index.search(question, vector, 10, KnowledgeIndex.Mode.HYBRID);
                nanos[i] = System.nanoTime() - s;
            }
            System.out.printf("hybrid search, %,d passages (built in %.1f s; 2 other organisations of 10,000 loaded):"
                    + " p50 %.1f ms, p99 %.1f ms over %d queries%n", size, buildSeconds, pct(nanos, 50), pct(nanos, 99), nanos.length);
            index.close();
        }
        others.forEach(KnowledgeIndex::close);
    }

    private static KnowledgeIndex build(int size, List<String> sentences, Random random) {
        KnowledgeIndex index = new KnowledgeIndex(br.ft9.memory.infra.PortugueseTextProducer.load(java.nio.file.Path.of("/usr/share/hunspell")), br.ft9.memory.domain.Synonyms.NONE, KnowledgeIndex.DEFAULT_BM25_WEIGHT);
        List<KnowledgeIndex.Passage> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String text = sentences.get(random.nextInt(sentences.size())) + " " + sentences.get(random.nextInt(sentences.size()));
            batch.add(new KnowledgeIndex.Passage(UUID.randomUUID(), UUID.randomUUID(), text, unit(random)));
            if (batch.size() == 5_000) {
                index.add(batch);
                batch = new ArrayList<>();
            }
        }
        index.add(batch);
        return index;
    }

    private static float[] unit(Random random) {
        float[] v = new float[384];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Embedder.normalise(v);
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
