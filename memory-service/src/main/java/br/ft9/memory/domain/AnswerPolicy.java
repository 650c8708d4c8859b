package br.ft9.memory.domain;

import java.util.List;

/**
 * Whether the best passage found answers the question or the conversation goes to a person. It reads two things: how
 * much of the question's weight the part that would be the answer holds (an FAQ whole, a text's best sentences; rarer
 * words weigh more, a word the knowledge never uses weighs most), and how far the best item stands ahead of the next
 * one (a question the knowledge does not answer finds several passages about as close). Thresholds chosen on the even
 * half of the FaQuAD dev set, each question asked again with its own passage removed (docs/retrieval.md): a wrong
 * price or preparation instruction is worse than a hand-off.
 */
public record AnswerPolicy(double minConfidence, double leadWeight) {

    /** Chosen on the even half of the FaQuAD dev set, judged on the odd half (docs/retrieval.md). */
    public static final AnswerPolicy DEFAULT = new AnswerPolicy(0.7, 0.5);

    /** What to do with the question. */
    public enum Verdict {
        ANSWER, HANDOFF
    }

    /** The verdict and the figures it read: coverage of the excerpt, lead over the next item, and their sum. */
    public record Decision(Verdict verdict, double coverage, double lead, double confidence) {
        public boolean answers() {
            return verdict == Verdict.ANSWER;
        }
    }

    /** The decision for what was found, best first ({@code hits}), and the best one's excerpt. */
    public Decision decide(List<KnowledgeIndex.Hit> hits, KnowledgeIndex.Excerpt excerpt) {
        if (hits.isEmpty() || excerpt == null) {
            return new Decision(Verdict.HANDOFF, 0, 0, 0);
        }
        double lead = lead(hits);
        double confidence = excerpt.coverage() + leadWeight * lead;
        return new Decision(confidence >= minConfidence ? Verdict.ANSWER : Verdict.HANDOFF, excerpt.coverage(), lead, confidence);
    }

    /** How far the best item's fused score stands above the next item's (its own other passages do not count). */
    static double lead(List<KnowledgeIndex.Hit> hits) {
        KnowledgeIndex.Hit best = hits.get(0);
        for (KnowledgeIndex.Hit hit : hits) {
            if (!hit.itemId().equals(best.itemId())) {
                return best.score() - hit.score();
            }
        }
        return best.score();
    }
}
