package br.ft9.memory.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import br.ft9.common.testing.RealInfrastructure;
import br.ft9.common.testing.TestTokens;
import br.ft9.memory.domain.AnswerPolicy;
import br.ft9.memory.domain.Embedder;
import br.ft9.memory.domain.PortugueseText;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The answer evaluation's figures (deploy/local/eval.sh prints them) may not fall below what was reached: a change to
 * analysis, fusion, the hand-off rule or the excerpts that makes answers worse fails here. Floors sit a little under
 * the measured figures (docs/retrieval.md), ceilings a little over. It runs inside the service, with its embedder and
 * dictionary: the model's native tokenizer loads once per JVM.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(TestTokens.class)
class AnswerQualityTest {

    static AnswerEvaluation.FaquadFigures faquad;
    static AnswerEvaluation.Colloquial colloquial;
    static AnswerEvaluation.Answering onePassage;
    static AnswerEvaluation.Answering oneFaq;
    static AnswerEvaluation.Colloquial untitledTexts;
    static AnswerEvaluation.Colloquial titledTexts;

    @Inject
    Embedder embedder;

    @Inject
    PortugueseText portuguese;

    @BeforeEach
    void evaluate() throws IOException {
        if (faquad != null) {
            return; // measured once for the class's tests
        }
        AnswerEvaluation evaluation = new AnswerEvaluation(portuguese, AnswerEvaluation.remembering(embedder));
        faquad = evaluation.faquad(AnswerPolicy.DEFAULT);
        colloquial = evaluation.colloquial(AnswerPolicy.DEFAULT);
        onePassage = evaluation.small(AnswerPolicy.DEFAULT, 1);
        oneFaq = evaluation.colloquialSmall(AnswerPolicy.DEFAULT, 1);
        untitledTexts = evaluation.colloquialTexts(AnswerPolicy.DEFAULT, false);
        titledTexts = evaluation.colloquialTexts(AnswerPolicy.DEFAULT, true);
        System.out.println(AnswerEvaluation.table(faquad));
        System.out.println(AnswerEvaluation.table(colloquial));
    }

    @Test
    void faquad_passages_are_found_first_for_most_questions_with_or_without_accents() {
        assertThat(faquad.all().recallAt1()).isGreaterThanOrEqualTo(0.85);
        assertThat(faquad.all().recallAt5()).isGreaterThanOrEqualTo(0.965);
        assertThat(faquad.all().mrr()).isGreaterThanOrEqualTo(0.905);
        assertThat(faquad.stripped().mrr()).isCloseTo(faquad.all().mrr(), org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void faquad_answers_are_short_and_hold_the_expected_text() {
        assertThat(faquad.answering().containsExpected()).isGreaterThanOrEqualTo(0.80);
        assertThat(faquad.answering().meanWords()).isLessThanOrEqualTo(48);
    }

    @Test
    void faquad_questions_are_handed_off_when_their_passage_is_missing_and_answered_when_it_is_there() {
        assertThat(faquad.answering().answerableHandedOff()).isLessThanOrEqualTo(0.15);
        assertThat(faquad.answering().unanswerableAnswered()).isLessThanOrEqualTo(0.20);
    }

    @Test
    void patients_colloquial_questions_get_the_right_faq_or_a_person() {
        assertThat(colloquial.rightFaq()).as(String.join("\n", colloquial.misses())).isGreaterThanOrEqualTo(0.90);
        assertThat(colloquial.unanswerableHandedOff()).as(String.join("\n", colloquial.misses())).isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void an_organisation_whose_knowledge_is_one_text_or_one_faq_answers_what_it_says_and_hands_off_the_rest() {
        // A clinic's first FAQ is its only one: with a single passage every question word it lacks weighs most.
        assertThat(onePassage.answerableHandedOff()).isLessThanOrEqualTo(0.12);
        assertThat(onePassage.containsExpected()).isGreaterThanOrEqualTo(0.82);
        assertThat(onePassage.unanswerableAnswered()).isLessThanOrEqualTo(0.05);
        assertThat(oneFaq.containsExpected()).isGreaterThanOrEqualTo(0.90);
        assertThat(oneFaq.unanswerableAnswered()).isLessThanOrEqualTo(0.09);
    }

    @Test
    void answers_written_as_short_texts_are_found_by_the_words_of_their_titles_and_no_more_wrongly() {
        assertThat(titledTexts.rightFaq()).isGreaterThanOrEqualTo(untitledTexts.rightFaq() + 0.05);
        assertThat(titledTexts.wrongFaq()).isLessThanOrEqualTo(untitledTexts.wrongFaq());
        assertThat(titledTexts.unanswerableHandedOff()).isGreaterThanOrEqualTo(untitledTexts.unanswerableHandedOff());
    }
}
