package br.ft9.memory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The part of a passage that becomes the answer. */
class ExcerptsTest {

    final Excerpts excerpts = new Excerpts(PortugueseTextTest.PORTUGUESE, term -> 1.0);

    @Test
    void the_sentence_holding_the_question_is_the_answer_in_the_passage_s_order() {
        String passage = "A clínica fica no centro. Aceitamos Pix. O estacionamento conveniado fica na Rua do Hospício. "
                + "O estacionamento dá desconto de 20% aos pacientes.";
        assertThat(excerpts.of("o estacionamento conveniado dá desconto?", passage, 50)).isEqualTo(
                "O estacionamento conveniado fica na Rua do Hospício. O estacionamento dá desconto de 20% aos pacientes.");
        assertThat(excerpts.of("o estacionamento conveniado dá desconto?", passage, 12))
                .isEqualTo("O estacionamento dá desconto de 20% aos pacientes.");
    }

    @Test
    void a_sentence_longer_than_the_limit_is_cut_around_the_question_s_words() {
        String longSentence = "Palavra ".repeat(80) + "o prazo de matrícula termina em março " + "outra ".repeat(80);
        String excerpt = excerpts.of("quando termina o prazo de matrícula?", longSentence, 20);
        assertThat(Excerpts.words(excerpt)).isLessThanOrEqualTo(20);
        assertThat(excerpt).contains("prazo de matrícula termina");
    }
}
