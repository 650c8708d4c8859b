package br.ft9.memory.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An organisation's own synonyms: groups of expressions its patients use for the same thing ("raio x", "radiografia").
 * A question holding one expression of a group also matches passages holding another.
 */
public record Synonyms(List<List<String>> groups) {

    public static final Synonyms NONE = new Synonyms(List.of());
    /** The most groups and expressions an organisation keeps, and the longest expression. */
    public static final int MAX_GROUPS = 200;
    public static final int MAX_EXPRESSIONS = 12;
    public static final int MAX_LENGTH = 60;

    public Synonyms {
        groups = groups == null ? List.of() : groups.stream().map(List::copyOf).toList();
    }

    /**
     * The groups as an organisation keeps them: expressions trimmed and lower-cased, once each, groups of at least two;
     * or the problem, naming the group.
     */
    public Synonyms validated() {
        if (groups.size() > MAX_GROUPS) {
            throw new br.ft9.common.errors.InvalidField("groups", "at most " + MAX_GROUPS + " groups of synonyms");
        }
        List<List<String>> kept = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<String> expressions = groups.get(g).stream().map(e -> e == null ? "" : e.strip().toLowerCase(java.util.Locale.ROOT))
                    .distinct().toList();
            String field = "groups[" + g + "]";
            if (expressions.size() < 2 || expressions.size() > MAX_EXPRESSIONS) {
                throw new br.ft9.common.errors.InvalidField(field, "a group holds 2 to " + MAX_EXPRESSIONS + " different expressions");
            }
            if (expressions.stream().anyMatch(e -> e.isEmpty() || e.length() > MAX_LENGTH)) {
                throw new br.ft9.common.errors.InvalidField(field, "each expression has 1 to " + MAX_LENGTH + " characters");
            }
            kept.add(expressions);
        }
        return new Synonyms(kept);
    }

    /** The groups read as {@code portuguese} reads text: each expression as its sequence of stems. */
    public Analysed analysed(PortugueseText portuguese) {
        List<List<List<String>>> analysed = new ArrayList<>();
        for (List<String> group : groups) {
            List<List<String>> expressions = group.stream().map(portuguese::termList).filter(t -> !t.isEmpty()).toList();
            if (expressions.size() > 1) {
                analysed.add(expressions);
            }
        }
        return new Analysed(analysed);
    }

    /** Synonym groups as stem sequences, ready to expand a question. */
    public record Analysed(List<List<List<String>>> groups) {

        /**
         * For each term of the question that belongs to an expression it holds, the stems of that group's other
         * expressions.
         */
        public Map<String, Set<String>> alternatives(List<String> question) {
            Map<String, Set<String>> alternatives = new HashMap<>();
            for (List<List<String>> group : groups) {
                for (List<String> expression : group) {
                    if (java.util.Collections.indexOfSubList(question, expression) < 0) {
                        continue;
                    }
                    Set<String> others = new LinkedHashSet<>();
                    group.stream().filter(e -> e != expression).forEach(others::addAll);
                    expression.forEach(term -> alternatives.computeIfAbsent(term, t -> new LinkedHashSet<>()).addAll(others));
                }
            }
            return alternatives;
        }
    }
}
