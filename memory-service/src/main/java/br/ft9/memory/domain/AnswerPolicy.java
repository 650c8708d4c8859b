package br.ft9.memory.domain;

import java.util.List;

/**
 * Whether the best passage found answers the question or the conversation goes to a person. A text's passage answers
 * when it says closely what was asked: the share of the question's weight its best sentence holds (rarer words weigh
 * more, a word the knowledge never uses weighs most), the share of the question's word pairs it holds as pairs, how far
 * the best item stands ahead of the next one (a question the knowledge does not answer finds several passages about as
 * close) and the embeddings' cosine similarity, weighed against {@code minConfidence}. An FAQ is sent whole, so it
 * answers on the share of the question's weight it holds (question, phrasings and answer together) and its lead,
 * against {@code minFaqConfidence}. Chosen on the even half of the FaQuAD dev set, each question asked again with its
 * own passage removed (docs/retrieval.md): a wrong price or preparation instruction is worse than a hand-off.
 */
public record AnswerPolicy(double minConfidence, double pairsWeight, double leadWeight, double similarityWeight,
        double minFaqConfidence, double faqLeadWeight) {

    /** Chosen on the even half of the FaQuAD dev set, judged on the odd half (docs/retrieval.md). */
    public static final AnswerPolicy DEFAULT = new AnswerPolicy(1.125, 0.25, 0.5, 0.5, 0.75, 0.5);

    /** The same weights with other thresholds for texts and FAQs. */
    public AnswerPolicy withThresholds(double text, double faq) {
        return new AnswerPolicy(text, pairsWeight, leadWeight, similarityWeight, faq, faqLeadWeight);
    }

    /** What to do with the question. */
    public enum Verdict {
        ANSWER, HANDOFF
    }

    /**
     * The verdict and the figures it read: the coverage (the best sentence's for a text, the whole FAQ's for an FAQ),
     * the pairs held, the lead over the next item, the similarity, and their weighted sum.
     */
    public record Decision(Verdict verdict, double coverage, double pairs, double lead, double similarity, double confidence) {
        public boolean answers() {
            return verdict == Verdict.ANSWER;
        }
    }

    /** The decision for what was found, best first ({@code hits}), and the best one's excerpt. */
    public Decision decide(List<KnowledgeIndex.Hit> hits, KnowledgeIndex.Excerpt excerpt) {
        if (hits.isEmpty() || excerpt == null) {
            return new Decision(Verdict.HANDOFF, 0, 0, 0, 0, 0);
        }
        KnowledgeIndex.Hit best = hits.get(0);
        double lead = lead(hits);
        if (best.faq()) {
            double confidence = excerpt.coverage() + faqLeadWeight * lead;
            return new Decision(confidence >= minFaqConfidence ? Verdict.ANSWER : Verdict.HANDOFF, excerpt.coverage(),
                    best.closeness().pairs(), lead, best.similarity(), confidence);
        }
        double coverage = best.closeness().sentenceCoverage();
        double pairs = best.closeness().pairs();
        double confidence = coverage + pairsWeight * pairs + leadWeight * lead + similarityWeight * best.similarity();
        return new Decision(confidence >= minConfidence ? Verdict.ANSWER : Verdict.HANDOFF, coverage, pairs, lead, best.similarity(),
                confidence);
    }

    /**
     * How far the best item's score stands above the next item's. Its own other passages do not count, nor another
     * item's passage saying the same words (a text uploaded twice, once in capitals): they agree with it, they do not
     * compete.
     */
    static double lead(List<KnowledgeIndex.Hit> hits) {
        KnowledgeIndex.Hit best = hits.get(0);
        String said = PortugueseText.plainWords(best.text());
        for (KnowledgeIndex.Hit hit : hits) {
            if (!hit.itemId().equals(best.itemId()) && !PortugueseText.plainWords(hit.text()).equals(said)) {
                return best.score() - hit.score();
            }
        }
        return best.score();
    }
}
