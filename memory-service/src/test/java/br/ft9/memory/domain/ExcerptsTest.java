package br.ft9.memory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The part of a passage that becomes the answer. */
class ExcerptsTest {

    final Excerpts excerpts = new Excerpts(PortugueseTextTest.PORTUGUESE, term -> 1.0);

    @Test
    void the_sentence_holding_the_question_is_the_answer_with_the_one_after_it_when_it_fits() {
        String passage = "A clínica fica no centro. O estacionamento conveniado fica na Rua do Hospício. "
                + "Ele dá 20% de desconto aos pacientes. Aceitamos Pix.";
        assertThat(excerpts.of("onde é o estacionamento conveniado?", passage, 50)).isEqualTo(
                "O estacionamento conveniado fica na Rua do Hospício. Ele dá 20% de desconto aos pacientes.");
        assertThat(excerpts.of("onde é o estacionamento conveniado?", passage, 12))
                .isEqualTo("O estacionamento conveniado fica na Rua do Hospício.");
    }

    @Test
    void a_sentence_longer_than_the_limit_is_cut_from_where_the_question_s_words_start() {
        String longSentence = "Palavra ".repeat(80) + "o prazo de matrícula termina em março " + "outra ".repeat(80);
        String excerpt = excerpts.of("quando termina o prazo de matrícula?", longSentence, 20);
        assertThat(Excerpts.words(excerpt)).isEqualTo(20);
        assertThat(excerpt).startsWith("prazo de matrícula termina em março");
    }
}
