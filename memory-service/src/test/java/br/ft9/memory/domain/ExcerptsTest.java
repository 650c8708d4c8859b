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

    @Test
    void a_passage_pasted_in_lower_case_is_still_read_sentence_by_sentence() {
        String passage = "a solicitação deve ser protocolizada no prazo. o deferimento do pedido caberá ao coordenador de curso. "
                + "fundada em 737 d.C. onde hoje fica a cidade.";
        assertThat(Excerpts.sentences(passage)).containsExactly("a solicitação deve ser protocolizada no prazo.",
                "o deferimento do pedido caberá ao coordenador de curso.", "fundada em 737 d.C. onde hoje fica a cidade.");
        assertThat(excerpts.of("a quem cabe o deferimento do pedido?", passage, 10))
                .isEqualTo("o deferimento do pedido caberá ao coordenador de curso.");
    }

    @Test
    void a_question_asking_what_a_thing_is_is_answered_by_the_sentence_that_says_it() {
        String passage = "O curso exige a entrega da monografia no último semestre. Monografia é um estudo aprofundado de um único "
                + "tema. Ela tem de 30 a 200 páginas.";
        assertThat(excerpts.of("o que é monografia?", passage, 12)).startsWith("Monografia é um estudo aprofundado");
    }

    @Test
    void the_answer_to_how_many_may_come_two_sentences_after_the_one_naming_the_subject() {
        String passage = "A primeira universidade surgiu na Ásia e foi conhecida como a universidade de Nalanda. Nela viveu o filósofo "
                + "Nagarjuna. Durante sua existência chegou a contar com mais de 10.000 estudantes. O currículo era extenso.";
        assertThat(excerpts.of("com quantos alunos a universidade de Nalanda contava?", passage, 50)).startsWith("A primeira universidade")
                .endsWith("10.000 estudantes.");
    }

    @Test
    void a_long_sentence_is_cut_where_the_question_s_words_last_come_together_each_counted_once() {
        String longSentence = "matrícula ".repeat(5) + "x ".repeat(12) + "matrícula prazo termina em março " + "y ".repeat(60);
        assertThat(excerpts.of("quando termina o prazo de matrícula?", longSentence, 20)).startsWith("matrícula prazo termina em março");
    }
}
