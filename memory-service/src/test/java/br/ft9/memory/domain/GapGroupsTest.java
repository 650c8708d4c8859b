package br.ft9.memory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class GapGroupsTest {

    private static final OffsetDateTime NOON = OffsetDateTime.parse("2026-11-30T12:00:00Z");

    private static GapGroups.Question asked(String text, int minutesAgo, String answer, String... terms) {
        return new GapGroups.Question(UUID.randomUUID(), text, Set.of(terms), NOON.minusMinutes(minutesAgo), answer);
    }

    @Test
    void questions_sharing_half_their_terms_are_one_gap_and_the_most_asked_comes_first() {
        List<GapGroups.Group> groups = GapGroups.of(List.of(
                asked("Qual o valor do clareamento?", 1, null, "valor", "clar"),
                asked("Vocês atendem aos sábados?", 30, null, "atend", "sab"),
                asked("atendem sabado de manha?", 20, null, "atend", "sab", "manh"),
                asked("vcs atendem sabado?", 10, null, "vcs", "atend", "sab")));

        assertThat(groups).extracting(GapGroups.Group::count).containsExactly(3, 1);
        assertThat(groups.get(0).question()).as("the latest wording").isEqualTo("vcs atendem sabado?");
        assertThat(groups.get(0).lastAskedAt()).isEqualTo(NOON.minusMinutes(10));
        assertThat(groups.get(1).question()).isEqualTo("Qual o valor do clareamento?");
    }

    @Test
    void the_latest_reply_a_person_gave_becomes_the_groups_answer() {
        List<GapGroups.Group> groups = GapGroups.of(List.of(
                asked("Atendem sábado?", 30, "Sim, das 8h às 12h.", "atend", "sab"),
                asked("atendem no sabado?", 5, null, "atend", "sab"),
                asked("Vocês atendem sábado?", 10, "Sim, com hora marcada.", "atend", "sab")));

        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).answer()).isEqualTo("Sim, com hora marcada.");
        assertThat(groups.get(0).gapIds()).hasSize(3);
    }

    @Test
    void equal_counts_put_the_most_recently_asked_first_and_questions_without_terms_group_only_when_written_alike() {
        List<GapGroups.Group> groups = GapGroups.of(List.of(
                asked("???", 50, null),
                asked("??? ", 40, null),
                asked("Onde fica a clínica?", 1, null, "fic", "clinic"),
                asked("Onde é a clínica?", 2, null, "clinic")));

        assertThat(groups).extracting(GapGroups.Group::question).containsExactly("Onde fica a clínica?", "???");
        assertThat(groups).extracting(GapGroups.Group::count).containsExactly(2, 2);
    }

    @Test
    void different_questions_stay_apart_and_examples_are_at_most_five_distinct_wordings() {
        List<GapGroups.Group> separate = GapGroups.of(List.of(asked("Preço da limpeza?", 1, null, "prec", "limp"),
                asked("Preço do aparelho?", 2, null, "prec", "aparelh")));
        assertThat(separate).hasSize(2);

        List<GapGroups.Question> many = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            many.add(asked("Atendem sábado? " + (i % 6), i, null, "atend", "sab"));
        }
        assertThat(GapGroups.of(many).get(0).examples()).hasSize(5).doesNotHaveDuplicates();
    }
}
