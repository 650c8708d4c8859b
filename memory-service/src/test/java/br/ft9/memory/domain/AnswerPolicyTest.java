package br.ft9.memory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The rule that answers or hands off, read without the service. */
class AnswerPolicyTest {

    static final UUID ONE = UUID.randomUUID();
    static final UUID OTHER = UUID.randomUUID();

    /** An FAQ found with the score (each item's text its own). */
    static KnowledgeIndex.Hit hit(UUID item, double score) {
        return new KnowledgeIndex.Hit(UUID.randomUUID(), item, "text of " + item, score, 1, 1, 0.3, 0.5, KnowledgeIndex.Closeness.NONE, true);
    }

    /** A text's passage found with the score, similarity and closeness. */
    static KnowledgeIndex.Hit passage(UUID item, double score, double similarity, double sentenceCoverage, double pairs) {
        return passage(item, "text of " + item, score, similarity, sentenceCoverage, pairs);
    }

    static KnowledgeIndex.Hit passage(UUID item, String text, double score, double similarity, double sentenceCoverage, double pairs) {
        return new KnowledgeIndex.Hit(UUID.randomUUID(), item, text, score, 1, 1, similarity, 0.5,
                new KnowledgeIndex.Closeness(sentenceCoverage, pairs), false);
    }

    @Test
    void an_excerpt_holding_the_question_answers() {
        AnswerPolicy.Decision decision = AnswerPolicy.DEFAULT.decide(List.of(hit(ONE, 1.0), hit(OTHER, 0.9)),
                new KnowledgeIndex.Excerpt("text", 0.9));
        assertThat(decision.answers()).isTrue();
        assertThat(decision.lead()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void an_excerpt_missing_the_question_s_rare_words_hands_off_when_other_passages_are_as_close() {
        assertThat(AnswerPolicy.DEFAULT.decide(List.of(hit(ONE, 1.0), hit(OTHER, 0.95)), new KnowledgeIndex.Excerpt("text", 0.5))
                .answers()).isFalse();
    }

    @Test
    void a_clear_lead_over_the_next_item_makes_up_for_some_missing_words() {
        assertThat(AnswerPolicy.DEFAULT.decide(List.of(hit(ONE, 1.0), hit(ONE, 0.9), hit(OTHER, 0.4)),
                new KnowledgeIndex.Excerpt("text", 0.5)).answers()).isTrue();
    }

    @Test
    void nothing_found_hands_off() {
        assertThat(AnswerPolicy.DEFAULT.decide(List.of(), null).verdict()).isEqualTo(AnswerPolicy.Verdict.HANDOFF);
    }

    @Test
    void a_text_answers_when_one_of_its_sentences_says_what_was_asked() {
        KnowledgeIndex.Excerpt excerpt = new KnowledgeIndex.Excerpt("text", 1.0);
        AnswerPolicy.Decision close = AnswerPolicy.DEFAULT.decide(List.of(passage(ONE, 1.2, 0.6, 1.0, 0.5), passage(OTHER, 1.0, 0.5, 0.6, 0)), excerpt);
        assertThat(close.answers()).isTrue();
        assertThat(close.coverage()).isEqualTo(1.0);
    }

    @Test
    void a_text_whose_question_words_are_scattered_over_sentences_hands_off_although_the_passage_holds_them_all() {
        // The same passage, holding all the question's words (the excerpt's coverage is 1), but no sentence more than half.
        AnswerPolicy.Decision scattered = AnswerPolicy.DEFAULT.decide(List.of(passage(ONE, 1.0, 0.5, 0.5, 0), passage(OTHER, 0.95, 0.5, 0.5, 0)),
                new KnowledgeIndex.Excerpt("text", 1.0));
        assertThat(scattered.answers()).isFalse();
    }

    @Test
    void another_item_saying_the_same_words_agrees_with_the_best_one_and_does_not_take_its_lead() {
        UUID third = UUID.randomUUID();
        List<KnowledgeIndex.Hit> hits = List.of(passage(ONE, "A consulta custa R$ 200.", 1.0, 0.5, 0.9, 0.5),
                passage(OTHER, "a consulta custa r$ 200", 0.99, 0.5, 0.9, 0.5), passage(third, "Aceitamos Pix.", 0.4, 0.2, 0.1, 0));
        assertThat(AnswerPolicy.DEFAULT.decide(hits, new KnowledgeIndex.Excerpt("A consulta custa R$ 200.", 0.9)).lead())
                .isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
    }
}
