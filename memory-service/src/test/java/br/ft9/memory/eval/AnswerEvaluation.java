package br.ft9.memory.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.memory.domain.AnswerPolicy;
import br.ft9.memory.domain.Chunker;
import br.ft9.memory.domain.Embedder;
import br.ft9.memory.domain.Excerpts;
import br.ft9.memory.domain.KnowledgeIndex;
import br.ft9.memory.domain.PortugueseText;
import br.ft9.memory.domain.StartingSynonyms;
import br.ft9.memory.domain.Synonyms;
import br.ft9.memory.infra.LocalEmbedder;
import br.ft9.memory.infra.PortugueseTextProducer;

/**
 * How well the assistant answers, measured with the service's own retrieval, decision and excerpt code (the index,
 * {@link AnswerPolicy}, {@link Excerpts}, the in-process embedder) on two sets: FaQuAD's dev set (249 questions over 249
 * passages of a university's rules, CC BY 4.0) and FT9's own colloquial WhatsApp questions to the demo clinic's 30 FAQs.
 * {@code deploy/local/eval.sh} prints it; {@code AnswerQualityTest} fails if it falls below what was reached.
 */
public final class AnswerEvaluation {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Retrieval: recall at 1 and 5, mean reciprocal rank. */
    public record Retrieval(double recallAt1, double recallAt5, double mrr) {
    }

    /**
     * Answers: share of answerable questions whose answer contains the expected text, mean words of the answers given,
     * share of answerable questions handed off, share of unanswerable ones (own passage removed) answered with text not
     * containing the expected answer.
     */
    public record Answering(double containsExpected, double meanWords, double answerableHandedOff, double unanswerableAnswered) {
    }

    /** The colloquial set: answered from the right FAQ, handed off although answerable, from a wrong FAQ; unanswerable handed off. */
    public record Colloquial(int answerable, double rightFaq, double handedOff, double wrongFaq, int unanswerable,
            double unanswerableHandedOff, List<String> misses) {
    }

    public record FaquadFigures(Retrieval all, Retrieval stripped, Retrieval even, Retrieval odd, Answering answering,
            Answering answeringEven, Answering answeringOdd) {
    }

    private final PortugueseText portuguese;
    private final Embedder embedder;
    /** FaQuAD's passages as items (each with its document's name as its title), by position; read by {@link #hold}. */
    private List<br.ft9.memory.domain.Retrieval.Source> faquadItems = List.of();

    public AnswerEvaluation(PortugueseText portuguese, Embedder embedder) {
        this.portuguese = portuguese;
        this.embedder = embedder;
    }

    /**
     * With the dictionary where the service finds it, and the model the service would use: the in-process one, or an
     * OpenAI-compatible one when {@code OPENAI_API_KEY} is set ({@code OPENAI_BASE_URL}, {@code OPENAI_EMBEDDING_MODEL}).
     */
    public static AnswerEvaluation local() {
        String key = System.getenv().getOrDefault("OPENAI_API_KEY", "");
        Embedder embedder = key.isBlank() ? new LocalEmbedder()
                : br.ft9.memory.infra.EmbedderProducer.of(key, System.getenv().getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1"),
                        System.getenv().getOrDefault("OPENAI_EMBEDDING_MODEL", "text-embedding-3-small"));
        return new AnswerEvaluation(PortugueseTextProducer.load(Path.of(System.getProperty("ft9.hunspell-dir", "/usr/share/hunspell"))),
                remembering(embedder));
    }

    /** The hybrid's BM25 share for this run's model ({@code KNOWLEDGE_BM25_WEIGHT} overrides it, as in the service). */
    private double weight() {
        String set = System.getenv("KNOWLEDGE_BM25_WEIGHT");
        return set == null || set.isBlank() ? KnowledgeIndex.defaultBm25Weight(embedder.model()) : Double.parseDouble(set);
    }

    /** The embedder, each text embedded once per run (the tuning grid asks the same texts again). */
    static Embedder remembering(Embedder embedder) {
        java.util.Map<String, float[]> seen = new java.util.concurrent.ConcurrentHashMap<>();
        return new Embedder() {
            @Override
            public String model() {
                return embedder.model();
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                List<String> missing = texts.stream().filter(t -> !seen.containsKey(t)).distinct().toList();
                if (!missing.isEmpty()) {
                    List<float[]> vectors = embedder.embedAll(missing);
                    for (int i = 0; i < missing.size(); i++) {
                        seen.put(missing.get(i), vectors.get(i));
                    }
                }
                return texts.stream().map(seen::get).toList();
            }
        };
    }

    public static List<JsonNode> lines(String resource) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                AnswerEvaluation.class.getResourceAsStream("/eval/" + resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        return lines;
    }

    /** One FaQuAD question as asked, with its passage's position and expected answers. */
    record Question(String text, int passage, List<String> answers, float[] vector) {
    }

    /** FaQuAD: every passage one organisation's knowledge (ids from the passage ids: ties break the same way every run). */
    public FaquadFigures faquad(AnswerPolicy policy) throws IOException {
        return faquadWith((index, questions, ids, indexed) -> new FaquadFigures(retrieval(index, questions, ids),
                retrieval(index, stripped(questions), ids), retrieval(index, half(questions, 0), ids), retrieval(index, half(questions, 1), ids),
                answering(index, questions, ids, indexed, policy), answering(index, half(questions, 0), ids, indexed, policy),
                answering(index, half(questions, 1), ids, indexed, policy)));
    }

    /** What a measure reads: the index of every passage, the questions, the passages' item ids and their passages. */
    interface Measure<T> {
        T on(KnowledgeIndex index, List<Question> questions, List<UUID> ids, List<List<KnowledgeIndex.Passage>> indexed);
    }

    /** The questions as typed without accents, with their vectors. */
    private List<Question> stripped(List<Question> questions) {
        List<String> folded = questions.stream().map(q -> PortugueseText.fold(q.text())).toList();
        List<float[]> vectors = embedder.embedAll(folded.stream().map(PortugueseText::writtenOut).toList());
        List<Question> stripped = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            stripped.add(new Question(folded.get(i), q.passage(), q.answers(), vectors.get(i)));
        }
        return stripped;
    }

    private <T> T faquadWith(Measure<T> measure) throws IOException {
        List<JsonNode> passages = lines("faquad/passages.jsonl");
        List<JsonNode> asked = lines("faquad/questions-dev.jsonl");
        List<UUID> ids = new ArrayList<>();
        List<br.ft9.memory.domain.Retrieval.Source> titles = new ArrayList<>();
        // Each passage is a text item, chunked as the service chunks it.
        List<List<KnowledgeIndex.Passage>> indexed = new ArrayList<>();
        java.util.Map<String, Integer> position = new java.util.HashMap<>();
        Chunker chunker = new Chunker(Chunker.MAX_CHARS, Chunker.OVERLAP_CHARS);
        for (int i = 0; i < passages.size(); i++) {
            UUID id = UUID.nameUUIDFromBytes(passages.get(i).path("id").asText().getBytes(StandardCharsets.UTF_8));
            ids.add(id);
            // Titled with their document's name (a file's name written out); shared by many passages, so no passage reads it as its heading.
            titles.add(new br.ft9.memory.domain.Retrieval.Source(id, "TEXT", passages.get(i).path("title").asText().replace('_', ' '), null));
            position.put(passages.get(i).path("id").asText(), i);
            List<String> chunks = chunker.chunks(passages.get(i).path("passage").asText());
            List<float[]> vectors = embedder.embedAll(chunks);
            List<KnowledgeIndex.Passage> item = new ArrayList<>();
            for (int c = 0; c < chunks.size(); c++) {
                item.add(new KnowledgeIndex.Passage(UUID.nameUUIDFromBytes((id + "/" + c).getBytes(StandardCharsets.UTF_8)), id,
                        chunks.get(c), vectors.get(c)));
            }
            indexed.add(item);
        }
        List<String> texts = asked.stream().map(q -> q.path("question").asText()).toList();
        List<float[]> questionVectors = embedder.embedAll(texts.stream().map(PortugueseText::writtenOut).toList());
        List<Question> questions = new ArrayList<>();
        for (int q = 0; q < asked.size(); q++) {
            List<String> answers = new ArrayList<>();
            asked.get(q).path("answers").forEach(a -> answers.add(a.asText()));
            int passage = position.get(asked.get(q).path("passage_id").asText());
            questions.add(new Question(texts.get(q), passage, answers, questionVectors.get(q)));
        }
        try (KnowledgeIndex index = new KnowledgeIndex(portuguese, Synonyms.NONE, weight())) {
            faquadItems = titles;
            for (int p = 0; p < indexed.size(); p++) {
                hold(index, indexed, p);
            }
            return measure.on(index, questions, ids, indexed);
        }
    }

    /** Puts FaQuAD's passage {@code p} in the index, with the item it comes from (as the service cites an item, then adds its passages). */
    private void hold(KnowledgeIndex index, List<List<KnowledgeIndex.Passage>> indexed, int p) {
        index.cite(faquadItems.get(p));
        index.add(indexed.get(p));
    }

    static <T> List<T> half(List<T> all, int parity) {
        List<T> half = new ArrayList<>();
        for (int i = parity; i < all.size(); i += 2) {
            half.add(all.get(i));
        }
        return half;
    }

    /** The items of the hits, each once, in the order found. */
    static List<UUID> items(List<KnowledgeIndex.Hit> hits) {
        return hits.stream().map(KnowledgeIndex.Hit::itemId).distinct().toList();
    }

    private static Retrieval retrieval(KnowledgeIndex index, List<Question> questions, List<UUID> ids) {
        double at1 = 0;
        double at5 = 0;
        double reciprocal = 0;
        for (Question q : questions) {
            List<KnowledgeIndex.Hit> hits = index.search(q.text(), q.vector(), 20, KnowledgeIndex.Mode.HYBRID);
            List<UUID> found = items(hits);
            for (int rank = 0; rank < Math.min(10, found.size()); rank++) {
                if (found.get(rank).equals(ids.get(q.passage()))) {
                    at1 += rank == 0 ? 1 : 0;
                    at5 += rank < 5 ? 1 : 0;
                    reciprocal += 1.0 / (rank + 1);
                    break;
                }
            }
        }
        int n = questions.size();
        return new Retrieval(at1 / n, at5 / n, reciprocal / n);
    }

    private Answering answering(KnowledgeIndex index, List<Question> questions, List<UUID> ids, List<List<KnowledgeIndex.Passage>> indexed,
            AnswerPolicy policy) {
        Tally tally = new Tally();
        for (Question q : questions) {
            List<KnowledgeIndex.Hit> hits = index.search(q.text(), q.vector(), 5, KnowledgeIndex.Mode.HYBRID);
            KnowledgeIndex.Hit best = hits.isEmpty() ? null : hits.get(0);
            KnowledgeIndex.Excerpt excerpt = best == null ? null : index.excerpt(q.text(), best, Excerpts.MAX_WORDS);
            if (policy.decide(hits, excerpt).answers()) {
                String answer = excerpt.text();
                tally.answered(answer, q.answers());
                if (MISSES && !containsAny(answer, q.answers())) {
                    System.err.printf("MISS %s | right passage: %s | expected: %s | said: %s%n", q.text(),
                            best.itemId().equals(ids.get(q.passage())), q.answers().get(0), answer);
                }
            } else {
                tally.handedOff++;
                if (MISSES) {
                    AnswerPolicy.Decision d = policy.decide(hits, excerpt);
                    System.err.printf("HANDOFF %s | right passage: %s | contains: %s | %.2f = cov %.2f pairs %.2f lead %.2f sim %.2f%n", q.text(),
                            best != null && best.itemId().equals(ids.get(q.passage())), excerpt != null && containsAny(excerpt.text(), q.answers()),
                            d.confidence(), d.coverage(), d.pairs(), d.lead(), d.similarity());
                }
            }
            // The same question when the knowledge does not hold its passage: it should be handed off.
            index.removeItem(ids.get(q.passage()));
            List<KnowledgeIndex.Hit> without = index.search(q.text(), q.vector(), 5, KnowledgeIndex.Mode.HYBRID);
            KnowledgeIndex.Hit other = without.isEmpty() ? null : without.get(0);
            KnowledgeIndex.Excerpt otherExcerpt = other == null ? null : index.excerpt(q.text(), other, Excerpts.MAX_WORDS);
            if (policy.decide(without, otherExcerpt).answers() && !containsAny(otherExcerpt.text(), q.answers())) {
                tally.wrong++;
                if (MISSES) {
                    AnswerPolicy.Decision d = policy.decide(without, otherExcerpt);
                    System.err.printf("WRONG %s | %.2f = cov %.2f pairs %.2f lead %.2f sim %.2f | said: %s%n", q.text(), d.confidence(),
                            d.coverage(), d.pairs(), d.lead(), d.similarity(), otherExcerpt.text());
                }
            }
            hold(index, indexed, q.passage());
        }
        return tally.of(questions.size());
    }

    /** The counts an {@link Answering} is made of, as the questions are asked. */
    private static final class Tally {
        int contains;
        int given;
        long words;
        int handedOff;
        int wrong;

        void answered(String answer, List<String> expected) {
            given++;
            words += Excerpts.words(answer);
            contains += containsAny(answer, expected) ? 1 : 0;
        }

        Answering of(int n) {
            return new Answering(contains / (double) n, given == 0 ? 0 : words / (double) given, handedOff / (double) n, wrong / (double) n);
        }
    }

    /**
     * A small organisation's knowledge: each FaQuAD question asked of {@code size} passages, once with its own passage
     * among them (it should be answered with the expected text) and once with {@code size} other passages (it should be
     * handed off). A clinic's first FAQ is its only one, so this is measured apart from the 249 passages together.
     */
    public Answering small(AnswerPolicy policy, int size) throws IOException {
        return faquadWith((all, questions, ids, indexed) -> {
            Tally tally = new Tally();
            for (Question q : questions) {
                List<Integer> with = new ArrayList<>(List.of(q.passage()));
                List<Integer> without = new ArrayList<>();
                for (int j = 1; without.size() < size; j++) {
                    int other = (q.passage() + j * 37) % indexed.size();
                    if (with.size() < size) {
                        with.add(other);
                    }
                    without.add(other);
                }
                KnowledgeIndex.Excerpt answer = answer(q, with, indexed, policy);
                if (answer == null) {
                    tally.handedOff++;
                } else {
                    tally.answered(answer.text(), q.answers());
                }
                KnowledgeIndex.Excerpt wrong = answer(q, without, indexed, policy);
                if (wrong != null && !containsAny(wrong.text(), q.answers())) {
                    tally.wrong++;
                    if (MISSES) {
                        System.err.printf("WRONG(%d) %s | said: %s%n", size, q.text(), wrong.text());
                    }
                }
            }
            return tally.of(questions.size());
        });
    }

    /**
     * The colloquial questions asked of a small clinic's knowledge of {@code size} FAQs: with the FAQ that answers it
     * among them (answered from it, or not) and without it (handed off, or answered from another FAQ). The figures read
     * as {@link Answering}'s, "with the expected text" being "from its own FAQ"; an answer from another FAQ counts as
     * wrong even where that FAQ happens to say something close, so that figure is a ceiling.
     */
    public Answering colloquialSmall(AnswerPolicy policy, int size) throws IOException {
        DemoClinic clinic = demoClinic();
        List<KnowledgeIndex.Passage> indexed = clinic.faqs();
        List<JsonNode> questions = clinic.questions();
        List<float[]> questionVectors = clinic.vectors();
        int answerable = 0;
        Tally tally = new Tally(); // "contains" counts the questions answered from their own FAQ
        for (int q = 0; q < questions.size(); q++) {
            String text = questions.get(q).path("question").asText();
            int faq = questions.get(q).path("faq").asInt() - 1;
            if (faq < 0) {
                continue;
            }
            answerable++;
            List<Integer> with = new ArrayList<>(List.of(faq));
            List<Integer> without = new ArrayList<>();
            for (int j = 1; without.size() < size; j++) {
                int other = (faq + j * 7) % indexed.size();
                if (with.size() < size) {
                    with.add(other);
                }
                without.add(other);
            }
            UUID answered = answeredBy(text, questionVectors.get(q), with, indexed, policy);
            if (answered == null) {
                tally.handedOff++;
            } else if (answered.equals(indexed.get(faq).itemId())) {
                tally.contains++;
            }
            UUID other = answeredBy(text, questionVectors.get(q), without, indexed, policy);
            if (other != null) {
                tally.wrong++;
                if (MISSES) {
                    System.err.printf("WRONG(%d) %s | its FAQ %d, answered from FAQ %d%n", size, text, faq + 1,
                            indexed.stream().map(KnowledgeIndex.Passage::itemId).toList().indexOf(other) + 1);
                }
            }
        }
        return tally.of(answerable);
    }

    private UUID answeredBy(String text, float[] vector, List<Integer> held, List<KnowledgeIndex.Passage> indexed, AnswerPolicy policy) {
        try (KnowledgeIndex index = new KnowledgeIndex(portuguese, StartingSynonyms.of(StartingSynonyms.Kind.DENTAL), weight())) {
            index.add(held.stream().map(indexed::get).toList());
            List<KnowledgeIndex.Hit> hits = index.search(text, vector, 5, KnowledgeIndex.Mode.HYBRID);
            KnowledgeIndex.Excerpt excerpt = hits.isEmpty() ? null : index.excerpt(text, hits.get(0), Excerpts.MAX_WORDS);
            return policy.decide(hits, excerpt).answers() ? hits.get(0).itemId() : null;
        }
    }

    /** The excerpt sent for the question by an organisation whose knowledge is the passages {@code held}, or null for a hand-off. */
    private KnowledgeIndex.Excerpt answer(Question q, List<Integer> held, List<List<KnowledgeIndex.Passage>> indexed, AnswerPolicy policy) {
        try (KnowledgeIndex index = new KnowledgeIndex(portuguese, Synonyms.NONE, weight())) {
            held.forEach(p -> hold(index, indexed, p));
            List<KnowledgeIndex.Hit> hits = index.search(q.text(), q.vector(), 5, KnowledgeIndex.Mode.HYBRID);
            KnowledgeIndex.Excerpt excerpt = hits.isEmpty() ? null : index.excerpt(q.text(), hits.get(0), Excerpts.MAX_WORDS);
            return policy.decide(hits, excerpt).answers() ? excerpt : null;
        }
    }

    /** -Dft9.eval.misses=true: each answered question whose answer misses the expected text, on standard error. */
    private static final boolean MISSES = Boolean.getBoolean("ft9.eval.misses");

    /** Whether the answer holds one of the expected texts, ignoring case, accents, punctuation and spacing. */
    static boolean containsAny(String answer, List<String> expected) {
        String said = normal(answer);
        return expected.stream().anyMatch(e -> !normal(e).isBlank() && said.contains(normal(e)));
    }

    private static String normal(String text) {
        return " " + PortugueseText.plainWords(text) + " ";
    }

    /**
     * The demo clinic's knowledge as written, its FAQs as indexed passages (with their phrasings), and the colloquial
     * questions with their vectors.
     */
    record DemoClinic(JsonNode knowledge, List<KnowledgeIndex.Passage> faqs, List<JsonNode> questions, List<float[]> vectors) {
    }

    private DemoClinic demoClinic() throws IOException {
        JsonNode faqs;
        try (var in = AnswerEvaluation.class.getResourceAsStream("/eval/colloquial/knowledge.json")) {
            faqs = JSON.readTree(in);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode faq : faqs) {
            texts.add(faq.path("question").asText() + "\n" + faq.path("answer").asText());
        }
        List<float[]> vectors = embedder.embedAll(texts);
        List<KnowledgeIndex.Passage> indexed = new ArrayList<>();
        for (int i = 0; i < faqs.size(); i++) {
            UUID id = UUID.nameUUIDFromBytes(("faq-" + i).getBytes(StandardCharsets.UTF_8));
            List<String> asked = new ArrayList<>(List.of(faqs.get(i).path("question").asText()));
            faqs.get(i).path("phrasings").forEach(p -> asked.add(p.asText()));
            indexed.add(new KnowledgeIndex.Passage(id, id, texts.get(i), vectors.get(i), String.join("\n", asked)));
        }
        List<JsonNode> questions = lines("colloquial/questions.jsonl");
        return new DemoClinic(faqs, indexed, questions,
                embedder.embedAll(questions.stream().map(q -> PortugueseText.writtenOut(q.path("question").asText())).toList()));
    }

    /**
     * The colloquial set: the demo clinic's 30 FAQs (deploy/local/demo/knowledge.json, copied to the test resources) with
     * its kind's starting synonyms, and questions as patients type them; {@code faq} is the number (from 1) of the FAQ
     * that answers it, or 0 when none does.
     */
    public Colloquial colloquial(AnswerPolicy policy) throws IOException {
        DemoClinic clinic = demoClinic();
        return colloquialOn(clinic, clinic.faqs(), List.of(), policy);
    }

    /**
     * The colloquial questions asked of the demo clinic's answers written as 30 short texts rather than FAQs, each
     * {@code titled} with its FAQ's question or not (the text alone): how a clinic that pastes its answers as texts is
     * answered.
     */
    public Colloquial colloquialTexts(AnswerPolicy policy, boolean titled) throws IOException {
        DemoClinic clinic = demoClinic();
        JsonNode faqs = clinic.knowledge();
        List<String> answers = new ArrayList<>();
        faqs.forEach(faq -> answers.add(faq.path("answer").asText()));
        List<float[]> vectors = embedder.embedAll(answers);
        List<KnowledgeIndex.Passage> texts = new ArrayList<>();
        List<br.ft9.memory.domain.Retrieval.Source> items = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            UUID id = clinic.faqs().get(i).itemId();
            texts.add(new KnowledgeIndex.Passage(id, id, answers.get(i), vectors.get(i), null));
            items.add(new br.ft9.memory.domain.Retrieval.Source(id, "TEXT", titled ? faqs.get(i).path("question").asText() : null, null));
        }
        return colloquialOn(clinic, texts, items, policy);
    }

    private Colloquial colloquialOn(DemoClinic clinic, List<KnowledgeIndex.Passage> indexed, List<br.ft9.memory.domain.Retrieval.Source> items,
            AnswerPolicy policy) {
        List<UUID> ids = indexed.stream().map(KnowledgeIndex.Passage::itemId).toList();
        List<JsonNode> questions = clinic.questions();
        List<float[]> questionVectors = clinic.vectors();
        int answerable = 0;
        int right = 0;
        int handedOff = 0;
        int wrong = 0;
        int unanswerable = 0;
        int unanswerableHandedOff = 0;
        List<String> misses = new ArrayList<>();
        try (KnowledgeIndex index = new KnowledgeIndex(portuguese, StartingSynonyms.of(StartingSynonyms.Kind.DENTAL), weight())) {
            items.forEach(index::cite);
            index.add(indexed);
            for (int q = 0; q < questions.size(); q++) {
                String text = questions.get(q).path("question").asText();
                int faq = questions.get(q).path("faq").asInt();
                List<KnowledgeIndex.Hit> hits = index.search(text, questionVectors.get(q), 5, KnowledgeIndex.Mode.HYBRID);
                KnowledgeIndex.Hit best = hits.isEmpty() ? null : hits.get(0);
                KnowledgeIndex.Excerpt excerpt = best == null ? null : index.excerpt(text, best, Excerpts.MAX_WORDS);
                AnswerPolicy.Decision decision = policy.decide(hits, excerpt);
                boolean answers = decision.answers();
                int answeredWith = answers ? ids.indexOf(best.itemId()) + 1 : 0;
                if (faq > 0) {
                    answerable++;
                    if (answeredWith == faq) {
                        right++;
                    } else {
                        if (answers) {
                            wrong++;
                        } else {
                            handedOff++;
                        }
                        misses.add("%s -> %s (confidence %.2f, terms %s)".formatted(text, answers ? "FAQ " + answeredWith : "hand-off",
                                decision.confidence(), portuguese.termList(index.reading(text))));
                    }
                } else {
                    unanswerable++;
                    if (!answers) {
                        unanswerableHandedOff++;
                    } else {
                        misses.add("%s -> answered with FAQ %d (confidence %.2f, terms %s)".formatted(text, answeredWith, decision.confidence(),
                                portuguese.termList(index.reading(text))));
                    }
                }
            }
        }
        return new Colloquial(answerable, right / (double) answerable, handedOff / (double) answerable,
                wrong / (double) answerable, unanswerable, unanswerableHandedOff / (double) unanswerable, misses);
    }

    /** Prints the figures (deploy/local/eval.sh); {@code tune} also prints the hand-off grid on the even half. */
    public static void main(String[] args) throws IOException {
        AnswerEvaluation evaluation = local();
        System.out.printf("%nFT9 answer evaluation (%s; stems: %s)%n", evaluation.embedder.model(),
                evaluation.portuguese.hasDictionary() ? "pt-BR Hunspell + Snowball" : "Snowball only");
        if (args.length > 0 && args[0].equals("tune")) {
            tune(evaluation);
            return;
        }
        FaquadFigures f = evaluation.faquad(AnswerPolicy.DEFAULT);
        System.out.println(table(f));
        Colloquial c = evaluation.colloquial(AnswerPolicy.DEFAULT);
        System.out.println(table(c));
        c.misses().forEach(m -> System.out.println("  miss: " + m));
        System.out.println(smallTable(evaluation));
        System.out.println("The same questions to the demo clinic's answers written as 30 texts, untitled:");
        System.out.println(table(evaluation.colloquialTexts(AnswerPolicy.DEFAULT, false)));
        System.out.println("and titled with their FAQs' questions:");
        Colloquial titled = evaluation.colloquialTexts(AnswerPolicy.DEFAULT, true);
        System.out.println(table(titled));
        titled.misses().forEach(m -> System.out.println("  miss: " + m));
    }

    /** The small organisations' figures (FaQuAD's passages and the demo clinic's FAQs, 1, 3 and 10 at a time) as a table. */
    static String smallTable(AnswerEvaluation evaluation) throws IOException {
        StringBuilder table = new StringBuilder("""
                Small organisations: each question asked of a few passages (FaQuAD) or FAQs (colloquial) with and without its own
                | knowledge                | answered with the expected text | answerable handed off | unanswerable answered |
                |--------------------------|---------------------------------|-----------------------|-----------------------|
                """);
        for (int size : new int[] { 1, 3, 10 }) {
            Answering f = evaluation.small(AnswerPolicy.DEFAULT, size);
            table.append(String.format(Locale.ROOT, "| FaQuAD, %2d passage%s      | %.3f                           | %.3f                 | %.3f                 |%n",
                    size, size == 1 ? " " : "s", f.containsExpected(), f.answerableHandedOff(), f.unanswerableAnswered()));
        }
        for (int size : new int[] { 1, 3, 10 }) {
            Answering c = evaluation.colloquialSmall(AnswerPolicy.DEFAULT, size);
            table.append(String.format(Locale.ROOT, "| colloquial, %2d FAQ%s      | %.3f (its FAQ)                 | %.3f                 | %.3f                 |%n",
                    size, size == 1 ? " " : "s", c.containsExpected(), c.answerableHandedOff(), c.unanswerableAnswered()));
        }
        return table.toString();
    }

    static String table(FaquadFigures f) {
        return """

                FaQuAD dev set (249 questions, 249 passages, one organisation)
                | figure                                        | all   | even half (tuning) | odd half (held out) |
                |-----------------------------------------------|-------|--------------------|---------------------|
                | recall@1                                      | %.3f | %.3f              | %.3f               |
                | recall@5                                      | %.3f | %.3f              | %.3f               |
                | MRR                                           | %.3f | %.3f              | %.3f               |
                | MRR, accents stripped from the questions      | %.3f |                    |                     |
                | answers containing the expected text          | %.3f | %.3f              | %.3f               |
                | mean words of an answer                       | %.1f  | %.1f               | %.1f                |
                | answerable questions handed off               | %.3f | %.3f              | %.3f               |
                | unanswerable (own passage removed) answered   | %.3f | %.3f              | %.3f               |
                """.formatted(f.all().recallAt1(), f.even().recallAt1(), f.odd().recallAt1(), f.all().recallAt5(), f.even().recallAt5(),
                f.odd().recallAt5(), f.all().mrr(), f.even().mrr(), f.odd().mrr(), f.stripped().mrr(),
                f.answering().containsExpected(), f.answeringEven().containsExpected(), f.answeringOdd().containsExpected(),
                f.answering().meanWords(), f.answeringEven().meanWords(), f.answeringOdd().meanWords(),
                f.answering().answerableHandedOff(), f.answeringEven().answerableHandedOff(), f.answeringOdd().answerableHandedOff(),
                f.answering().unanswerableAnswered(), f.answeringEven().unanswerableAnswered(), f.answeringOdd().unanswerableAnswered());
    }

    static String table(Colloquial c) {
        return """
                Colloquial WhatsApp questions to the demo clinic's 30 FAQs (%d answerable, %d not)
                | figure                                  | share |
                |-----------------------------------------|-------|
                | answered from the right FAQ             | %.3f |
                | handed off although an FAQ answers it   | %.3f |
                | answered from a wrong FAQ               | %.3f |
                | unanswerable handed off                 | %.3f |
                """.formatted(c.answerable(), c.unanswerable(), c.rightFaq(), c.handedOff(), c.wrongFaq(), c.unanswerableHandedOff());
    }

    /**
     * One question's decision inputs: asked with its passage ({@code answerable}) or without it, and whether the excerpt
     * that would be sent holds the expected text.
     */
    record Observation(boolean answerable, boolean contains, AnswerPolicy.Decision decision) {
    }

    /** The decision inputs of the questions of one half of the FaQuAD dev set, each asked with and without its passage. */
    List<Observation> observations(int parity) throws IOException {
        List<Observation> seen = new ArrayList<>();
        faquadWith((index, questions, ids, indexed) -> {
            for (Question q : half(questions, parity)) {
                for (boolean answerable : new boolean[] { true, false }) {
                    if (!answerable) {
                        index.removeItem(ids.get(q.passage()));
                    }
                    List<KnowledgeIndex.Hit> hits = index.search(q.text(), q.vector(), 5, KnowledgeIndex.Mode.HYBRID);
                    if (!hits.isEmpty()) {
                        KnowledgeIndex.Excerpt excerpt = index.excerpt(q.text(), hits.get(0), Excerpts.MAX_WORDS);
                        seen.add(new Observation(answerable, containsAny(excerpt.text(), q.answers()), AnswerPolicy.DEFAULT.decide(hits, excerpt)));
                    }
                    if (!answerable) {
                        hold(index, indexed, q.passage());
                    }
                }
            }
            return null;
        });
        return seen;
    }

    /**
     * The hand-off grid on the tuning half: for each weighting, the threshold that answers the most questions with the
     * expected text while handing off at most 13 % of the answerable ones and answering at most 16.5 % of the
     * unanswerable ones wrongly (margins under the targets, for the questions not seen); the best rows printed.
     */
    private static void tune(AnswerEvaluation evaluation) throws IOException {
        List<Observation> seen = evaluation.observations(0);
        long answerable = seen.stream().filter(Observation::answerable).count();
        long unanswerable = seen.size() - answerable;
        record Row(double contains, double handedOff, double wrong, AnswerPolicy policy) {
        }
        List<Row> rows = new ArrayList<>();
        for (double pairs : new double[] { 0, 0.25, 0.5, 1 }) {
            for (double lead : new double[] { 0, 0.5, 1 }) {
                for (double similarity : new double[] { 0, 0.5, 1 }) {
                    for (double threshold = 0.3; threshold <= 2.5; threshold += 0.025) {
                        AnswerPolicy policy = new AnswerPolicy(Math.round(threshold * 1000) / 1000.0, pairs, lead, similarity,
                                AnswerPolicy.DEFAULT.minFaqConfidence(), AnswerPolicy.DEFAULT.faqLeadWeight());
                        int contains = 0;
                        int handedOff = 0;
                        int wrong = 0;
                        for (Observation o : seen) {
                            AnswerPolicy.Decision d = o.decision();
                            boolean answers = d.coverage() + pairs * d.pairs() + lead * d.lead() + similarity * d.similarity() >= policy.minConfidence();
                            if (o.answerable()) {
                                contains += answers && o.contains() ? 1 : 0;
                                handedOff += answers ? 0 : 1;
                            } else {
                                wrong += answers && !o.contains() ? 1 : 0;
                            }
                        }
                        rows.add(new Row(contains / (double) answerable, handedOff / (double) answerable, wrong / (double) unanswerable, policy));
                    }
                }
            }
        }
        System.out.println("The threshold at the default weights:");
        rows.stream().filter(r -> r.policy().pairsWeight() == AnswerPolicy.DEFAULT.pairsWeight()
                && r.policy().leadWeight() == AnswerPolicy.DEFAULT.leadWeight() && r.policy().similarityWeight() == AnswerPolicy.DEFAULT.similarityWeight()
                && r.policy().minConfidence() >= 0.9 && r.policy().minConfidence() <= 1.4)
                .forEach(r -> System.out.printf(Locale.ROOT, "  threshold %.3f | even half: contains %.3f handed off %.3f unanswerable answered %.3f%n",
                        r.policy().minConfidence(), r.contains(), r.handedOff(), r.wrong()));
        System.out.println("The best weightings:");
        rows.stream().filter(r -> r.handedOff() <= 0.13 && r.wrong() <= 0.165)
                .sorted(java.util.Comparator.comparingDouble(Row::contains).reversed().thenComparingDouble(Row::wrong))
                .limit(15)
                .forEach(r -> System.out.printf(Locale.ROOT, "threshold %.3f pairs %.2f lead %.2f similarity %.2f | even half: contains %.3f"
                        + " handed off %.3f unanswerable answered %.3f%n", r.policy().minConfidence(), r.policy().pairsWeight(),
                        r.policy().leadWeight(), r.policy().similarityWeight(), r.contains(), r.handedOff(), r.wrong()));
    }
}
