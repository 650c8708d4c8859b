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

    @Test
    void a_question_asking_how_many_is_answered_by_the_sentence_with_the_number() {
        String passage = "A universidade de Nalanda ficava em Bihar. Nela viveu o filósofo Nagarjuna. "
                + "A universidade de Nalanda contava com mais de 10.000 estudantes de toda a Ásia.";
        assertThat(excerpts.of("quantos estudantes a universidade de Nalanda tinha?", passage, 14)).contains("10.000");
    }

    @Test
    void a_following_sentence_too_long_to_fit_is_cut_with_an_ellipsis_within_the_limit() {
        String passage = "O estacionamento conveniado fica na Rua do Hospício. " + "Ele dá desconto aos pacientes que apresentam o ticket "
                + "na recepção e vale para carros e motos durante todo o horário de funcionamento da clínica.";
        String excerpt = excerpts.of("onde fica o estacionamento conveniado?", passage, 20);
        assertThat(excerpt).startsWith("O estacionamento conveniado fica na Rua do Hospício. Ele dá desconto").endsWith("…");
        assertThat(Excerpts.words(excerpt)).isEqualTo(20);
    }
}
