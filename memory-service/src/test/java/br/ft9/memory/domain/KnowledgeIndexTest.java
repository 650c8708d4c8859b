package br.ft9.memory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** How one organisation's index finds passages by their vectors as it grows. */
class KnowledgeIndexTest {

    final Random random = new Random(7);

    @Test
    void past_the_scan_s_size_the_vectors_are_searched_in_the_graph_and_find_what_the_scan_found() {
        try (KnowledgeIndex index = new KnowledgeIndex(PortugueseTextTest.PORTUGUESE, Synonyms.NONE, KnowledgeIndex.DEFAULT_BM25_WEIGHT)) {
            List<KnowledgeIndex.Passage> all = new ArrayList<>();
            for (int i = 0; i < KnowledgeIndex.APPROXIMATE_ABOVE; i++) {
                all.add(passage("texto " + i));
            }
            index.add(all);
            float[] question = unit();
            Set<UUID> scanned = found(index, question);
            assertThat(scanned).isEqualTo(exact(all, question));

            KnowledgeIndex.Passage more = passage("mais um");
            all.add(more);
            index.add(List.of(more)); // now past the size: every passage indexed again with its vector in the graph
            Set<UUID> graphed = found(index, question);
            Set<UUID> expected = exact(all, question);
            graphed.retainAll(expected);
            assertThat(graphed).as("recall@10 of the graph").hasSizeGreaterThanOrEqualTo(9);

            KnowledgeIndex.Passage nearest = all.stream().max(Comparator.comparingDouble(p -> Vectors.dot(question, p.vector()))).orElseThrow();
            index.removeItem(nearest.itemId());
            assertThat(found(index, question)).doesNotContain(nearest.chunkId());
            assertThat(index.size()).isEqualTo(KnowledgeIndex.APPROXIMATE_ABOVE);
        }
    }

    private Set<UUID> found(KnowledgeIndex index, float[] question) {
        return index.search("pergunta", question, 10, KnowledgeIndex.Mode.VECTOR).stream().map(KnowledgeIndex.Hit::chunkId)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static Set<UUID> exact(List<KnowledgeIndex.Passage> all, float[] question) {
        return all.stream().sorted(Comparator.comparingDouble((KnowledgeIndex.Passage p) -> Vectors.dot(question, p.vector())).reversed())
                .limit(10).map(KnowledgeIndex.Passage::chunkId).collect(Collectors.toSet());
    }

    private static final String BLOOD_TESTS = "Para o hemograma não é preciso jejum. Para glicemia e colesterol, faça jejum"
            + " de 8 a 12 horas. Traga o pedido médico e um documento com foto.";
    private static final String ASKED = "Preciso de jejum para o exame de colesterol?";

    @Test
    void a_short_text_s_sentences_are_read_under_its_title_unless_the_title_names_a_longer_text_or_several() {
        double untitled = closenessOfFirst(null, List.of(BLOOD_TESTS), null);
        double titled = closenessOfFirst("Preparo para exames de sangue", List.of(BLOOD_TESTS), null);
        assertThat(titled).as("\"exame\" is said by the title alone").isGreaterThan(untitled + 0.2);

        // A text of two passages: its title names the document, not what one passage says.
        List<String> longer = List.of(BLOOD_TESTS, "Os resultados saem em dois dias úteis.");
        assertThat(closenessOfFirst("Preparo para exames de sangue", longer, null)).isEqualTo(closenessOfFirst(null, longer, null));
        // Another item titled the same (written differently): the title names neither alone.
        assertThat(closenessOfFirst("Preparo para exames de sangue", List.of(BLOOD_TESTS), "PREPARO PARA EXAMES DE SANGUE"))
                .isEqualTo(closenessOfFirst(null, List.of(BLOOD_TESTS), "PREPARO PARA EXAMES DE SANGUE"));
    }

    /**
     * The sentence closeness of the blood tests' passage for {@link #ASKED} in an index of one text item ({@code title},
     * its passages), and perhaps another item titled {@code other}.
     */
    private double closenessOfFirst(String title, List<String> passages, String other) {
        try (KnowledgeIndex index = new KnowledgeIndex(PortugueseTextTest.PORTUGUESE, Synonyms.NONE, KnowledgeIndex.DEFAULT_BM25_WEIGHT)) {
            UUID item = UUID.randomUUID();
            index.cite(new Retrieval.Source(item, KnowledgeItem.TEXT, title, null));
            index.add(passages.stream().map(text -> new KnowledgeIndex.Passage(UUID.randomUUID(), item, text, unit())).toList());
            if (other != null) {
                UUID second = UUID.randomUUID();
                index.cite(new Retrieval.Source(second, KnowledgeItem.TEXT, other, null));
                index.add(List.of(new KnowledgeIndex.Passage(UUID.randomUUID(), second, "Atendemos de segunda a sexta.", unit())));
            }
            List<KnowledgeIndex.Hit> hits = index.search(ASKED, unit(), 5, KnowledgeIndex.Mode.HYBRID);
            return hits.stream().filter(hit -> hit.text().equals(BLOOD_TESTS)).findFirst().orElseThrow().closeness().sentenceCoverage();
        }
    }

    private KnowledgeIndex.Passage passage(String text) {
        UUID id = UUID.randomUUID();
        return new KnowledgeIndex.Passage(id, id, text, unit());
    }

    private float[] unit() {
        float[] v = new float[16];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Embedder.normalise(v);
    }
}
