package br.ft9.memory.domain;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Groups the questions the assistant could not answer by how alike they are: two questions belong together when they
 * share at least half of their index terms (Jaccard), so "vocês atendem sábado?" and "atendem aos sábados?" count as one
 * gap asked twice. Most asked first, then most recently asked.
 */
public final class GapGroups {

    /** Two questions sharing at least this share of their terms are the same gap. */
    static final double SAME_GAP = 0.5;

    /** One unanswered question as grouping sees it. */
    public record Question(UUID id, String text, Set<String> terms, OffsetDateTime askedAt, String answer) {
    }

    /**
     * One gap: the question as last asked, how many times it was asked, a few of the ways it was put, the latest
     * answer a person gave to it (or null), and the questions it gathers.
     */
    public record Group(String question, int count, OffsetDateTime lastAskedAt, List<String> examples, String answer, List<UUID> gapIds) {
    }

    private GapGroups() {
    }

    /** The groups of these questions; the input in any order. */
    public static List<Group> of(List<Question> questions) {
        List<Question> newestFirst = questions.stream().sorted(Comparator.comparing(Question::askedAt).reversed()).toList();
        List<List<Question>> groups = new ArrayList<>();
        List<Set<String>> groupTerms = new ArrayList<>();
        for (Question question : newestFirst) {
            int home = -1;
            for (int i = 0; i < groups.size() && home < 0; i++) {
                if (alike(question, groups.get(i).get(0), groupTerms.get(i))) {
                    home = i;
                }
            }
            if (home < 0) {
                groups.add(new ArrayList<>(List.of(question)));
                groupTerms.add(question.terms());
            } else {
                groups.get(home).add(question);
            }
        }
        return groups.stream().map(GapGroups::group)
                .sorted(Comparator.comparingInt(Group::count).reversed().thenComparing(Group::lastAskedAt, Comparator.reverseOrder()))
                .toList();
    }

    private static boolean alike(Question question, Question first, Set<String> terms) {
        if (question.terms().isEmpty() || terms.isEmpty()) {
            return question.text().strip().equalsIgnoreCase(first.text().strip());
        }
        Set<String> both = new HashSet<>(question.terms());
        both.retainAll(terms);
        Set<String> either = new HashSet<>(question.terms());
        either.addAll(terms);
        return (double) both.size() / either.size() >= SAME_GAP;
    }

    private static Group group(List<Question> questions) {
        Question latest = questions.get(0);
        List<String> examples = questions.stream().map(q -> q.text().strip()).distinct().limit(5).toList();
        String answer = questions.stream().map(Question::answer).filter(a -> a != null && !a.isBlank()).findFirst().orElse(null);
        return new Group(latest.text().strip(), questions.size(), latest.askedAt(), examples, answer,
                questions.stream().map(Question::id).toList());
    }
}
