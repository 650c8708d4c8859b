package br.ft9.memory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import br.ft9.memory.infra.PortugueseTextProducer;

/** How the service reads Portuguese: stems that join word forms, accents, WhatsApp's spelling, synonyms. */
class PortugueseTextTest {

    static final PortugueseText PORTUGUESE = PortugueseTextProducer.load(Path.of("/usr/share/hunspell"));

    @Test
    void the_dictionary_is_installed_where_the_service_looks_for_it() {
        assertThat(PORTUGUESE.hasDictionary()).as("apt-get install hunspell-pt-br (deploy/local scripts do)").isTrue();
    }

    @Test
    void verb_and_noun_forms_share_a_stem_and_accents_do_not_matter() {
        assertThat(PORTUGUESE.terms("contribuem")).containsExactlyElementsOf(PORTUGUESE.terms("contribuir"));
        assertThat(PORTUGUESE.terms("encaminhado")).containsExactlyElementsOf(PORTUGUESE.terms("encaminhar"));
        assertThat(PORTUGUESE.terms("Horário")).containsExactlyElementsOf(PORTUGUESE.terms("horario"));
    }

    @Test
    void prefixes_are_not_stripped_into_another_word() {
        assertThat(PORTUGUESE.terms("renovação")).doesNotContainAnyElementsOf(PORTUGUESE.terms("novação"));
        assertThat(PORTUGUESE.terms("independentes")).doesNotContainAnyElementsOf(PORTUGUESE.terms("dependentes"));
    }

    @Test
    void whatsapp_abbreviations_are_written_out() {
        assertThat(PortugueseText.writtenOut("vcs abrem q horas? qto custa pra tirar")).isEqualTo(
                "vocês abrem que horas? quanto custa para tirar");
        assertThat(PortugueseText.writtenOut("Vc tb atende hj?")).isEqualTo("você também atende hoje?");
    }

    @Test
    void question_words_and_everyday_words_weigh_nothing_or_little() {
        assertThat(PORTUGUESE.terms("Qual o horário?")).containsExactlyElementsOf(PORTUGUESE.terms("horário"));
        assertThat(PORTUGUESE.terms("posso hoje").stream().allMatch(PORTUGUESE::light)).isTrue();
        assertThat(PORTUGUESE.light(PORTUGUESE.terms("radiografia").iterator().next())).isFalse();
    }

    @Test
    void a_question_without_accents_is_read_with_the_knowledge_s_accents() {
        try (KnowledgeIndex index = new KnowledgeIndex(PORTUGUESE, Synonyms.NONE, KnowledgeIndex.DEFAULT_BM25_WEIGHT)) {
            UUID id = UUID.randomUUID();
            index.add(List.of(new KnowledgeIndex.Passage(id, id, "A renovação de matrícula é feita no período letivo.",
                    new float[] { 1f })));
            assertThat(index.reading("quando e a renovacao da matricula")).isEqualTo("quando é a renovação da matrícula");
        }
    }

    @Test
    void an_organisation_s_synonym_makes_a_question_match_the_other_expression() {
        Synonyms.Analysed synonyms = new Synonyms(List.of(List.of("raio x", "radiografia"))).analysed(PORTUGUESE);
        List<String> question = PORTUGUESE.termList("vocês fazem raio x?");
        assertThat(synonyms.alternatives(question).values()).anySatisfy(
                alternatives -> assertThat(alternatives).containsAll(PORTUGUESE.terms("radiografia")));
        assertThat(synonyms.alternatives(PORTUGUESE.termList("vocês fazem limpeza?"))).isEmpty();
    }

    @Test
    void a_misspelt_word_is_read_as_the_knowledge_s_word_a_letter_away_and_an_unknown_word_stays_unknown() {
        try (KnowledgeIndex index = new KnowledgeIndex(PORTUGUESE, Synonyms.NONE, KnowledgeIndex.DEFAULT_BM25_WEIGHT)) {
            UUID id = UUID.randomUUID();
            index.add(List.of(new KnowledgeIndex.Passage(id, id, "O acadêmico pode cursar até oito disciplinas no período especial.",
                    new float[] { 1f })));
            assertThat(index.reading("em quantas discplinas posso me inscrever?")).isEqualTo("em quantas disciplinas posso me inscrever?");
            assertThat(index.reading("quanto custa a nutricionista?")).isEqualTo("quanto custa a nutricionista?");
        }
    }

    @Test
    void a_correction_two_letters_away_is_taken_for_a_long_word_only_and_one_letter_away_from_seven_letters() {
        try (KnowledgeIndex index = new KnowledgeIndex(PORTUGUESE, Synonyms.NONE, KnowledgeIndex.DEFAULT_BM25_WEIGHT)) {
            UUID id = UUID.randomUUID();
            index.add(List.of(new KnowledgeIndex.Passage(id, id, "Os professores especializados atendem no período da tarde;"
                    + " o acadêmico pode cursar disciplinas optativas.", new float[] { 1f })));
            // Alike as 1 - edits / letters: 1 - 2/14 and 1 - 1/7 pass 0.85; 1 - 2/11 and 1 - 1/6 do not.
            assertThat(index.reading("os espesializadoz atendem?")).isEqualTo("os especializados atendem?");
            assertThat(index.reading("qual o periudo?")).isEqualTo("qual o período?");
            assertThat(index.reading("quais discyplinaz?")).isEqualTo("quais discyplinaz?");
            assertThat(index.reading("posso curzar?")).isEqualTo("posso curzar?");
        }
    }

    @Test
    void the_passage_saying_the_question_in_one_sentence_ranks_above_one_with_its_words_scattered() {
        try (KnowledgeIndex index = new KnowledgeIndex(PORTUGUESE, Synonyms.NONE, 1.0)) {
            UUID close = UUID.randomUUID();
            UUID scattered = UUID.randomUUID();
            index.add(List.of(
                    new KnowledgeIndex.Passage(scattered, scattered, "O trancamento exige requerimento. A matrícula no estágio tem prazo próprio. "
                            + "O coordenador publica o calendário.", new float[] { 1f }),
                    new KnowledgeIndex.Passage(close, close, "O calendário da instituição é público. O trancamento de matrícula no estágio "
                            + "é pedido ao coordenador.", new float[] { 1f })));
            List<KnowledgeIndex.Hit> hits = index.search("trancamento de matrícula no estágio", new float[] { 1f }, 2, KnowledgeIndex.Mode.HYBRID);
            assertThat(hits.get(0).itemId()).isEqualTo(close);
            assertThat(hits.get(0).closeness().sentenceCoverage()).isEqualTo(1.0);
            assertThat(hits.get(1).closeness().sentenceCoverage()).isLessThan(1.0);
            assertThat(hits.get(0).closeness().pairs()).isGreaterThan(hits.get(1).closeness().pairs());
        }
    }

    @Test
    void the_passage_saying_what_a_thing_is_ranks_above_one_that_only_names_it() {
        try (KnowledgeIndex index = new KnowledgeIndex(PORTUGUESE, Synonyms.NONE, 1.0)) {
            UUID names = UUID.randomUUID();
            UUID defines = UUID.randomUUID();
            index.add(List.of(
                    new KnowledgeIndex.Passage(names, names, "A entrega da monografia ao orientador encerra o último semestre do curso.",
                            new float[] { 1f }),
                    new KnowledgeIndex.Passage(defines, defines, "Monografia é um estudo aprofundado de um único tema, escrito pelo aluno.",
                            new float[] { 1f })));
            List<KnowledgeIndex.Hit> hits = index.search("o que é monografia?", new float[] { 1f }, 2, KnowledgeIndex.Mode.HYBRID);
            assertThat(hits.get(0).itemId()).isEqualTo(defines);
            assertThat(hits.get(0).closeness().sentenceCoverage()).isGreaterThan(hits.get(1).closeness().sentenceCoverage());
        }
    }

    @Test
    void adverbs_in_mente_and_how_many_weigh_little_and_an_adverb_is_not_read_as_its_adjective() {
        assertThat(PORTUGUESE.terms("geralmente anualmente quantas quanto").stream().allMatch(PORTUGUESE::light)).isTrue();
        assertThat(PORTUGUESE.terms("geralmente")).doesNotContainAnyElementsOf(PORTUGUESE.terms("geral"));
        assertThat(PORTUGUESE.terms("semente").stream().anyMatch(PORTUGUESE::light)).isFalse();
    }
}
