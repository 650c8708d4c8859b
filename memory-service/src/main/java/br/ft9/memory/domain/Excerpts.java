package br.ft9.memory.domain;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The part of a passage that answers a question: its sentences weighed by the question's terms they hold (stemmed,
 * rarer terms weigh more), the best one and the one after it while the answer stays within {@code maxWords}; a sentence
 * longer than that is cut to the window of words that starts where the question's words do. Short enough to read on a
 * phone. (On FaQuAD's tuning half, the following sentence holds the expected answer more often than the second best.)
 */
public final class Excerpts {

    /** About what fits a phone's screen without scrolling. */
    public static final int MAX_WORDS = 50;

    private final PortugueseText portuguese;
    private final ToDoubleFunction<String> rarity;

    /** Excerpts read by {@code portuguese}, each term weighing {@code rarity}. */
    public Excerpts(PortugueseText portuguese, ToDoubleFunction<String> rarity) {
        this.portuguese = portuguese;
        this.rarity = rarity;
    }

    /** The sentences of {@code passage} that answer {@code question}, at most {@code maxWords} words, in their order. */
    public String of(String question, String passage, int maxWords) {
        Set<String> asked = portuguese.terms(question);
        List<String> sentences = sentences(passage);
        if (sentences.isEmpty()) {
            return passage.strip();
        }
        double[] weight = new double[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            weight[i] = weight(asked, portuguese.terms(sentences.get(i)));
        }
        Integer[] order = new Integer[sentences.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> weight[a] != weight[b] ? Double.compare(weight[b], weight[a]) : Integer.compare(a, b));
        String best = sentences.get(order[0]);
        if (words(best) > maxWords) {
            return window(asked, best, maxWords);
        }
        // The answer often follows the sentence that repeats the question ("... a universidade de Nalanda. Ela
        // contava com mais de 10.000 estudantes."): the next sentence joins when it fits.
        int next = order[0] + 1;
        if (next < sentences.size() && words(best) + words(sentences.get(next)) <= maxWords) {
            return best + " " + sentences.get(next);
        }
        return best;
    }

    private double weight(Set<String> asked, Set<String> held) {
        double sum = 0;
        for (String term : asked) {
            if (held.contains(term)) {
                sum += rarity.applyAsDouble(term);
            }
        }
        return sum;
    }

    /** The {@code maxWords} consecutive words of a long sentence that hold most of the question. */
    private String window(Set<String> asked, String sentence, int maxWords) {
        String[] words = sentence.split("\\s+");
        double[] weight = new double[words.length];
        for (int i = 0; i < words.length; i++) {
            Set<String> stems = portuguese.terms(words[i]);
            weight[i] = weight(asked, stems);
        }
        double current = 0;
        for (int i = 0; i < maxWords; i++) {
            current += weight[i];
        }
        double bestWeight = current;
        int bestStart = 0;
        for (int start = 1; start + maxWords <= words.length; start++) {
            current += weight[start + maxWords - 1] - weight[start - 1];
            if (current > bestWeight) {
                bestWeight = current;
                bestStart = start;
            }
        }
        // The answer follows the words that repeat the question: the window starts at the first of them.
        int first = bestStart;
        while (first < bestStart + maxWords && weight[first] == 0) {
            first++;
        }
        bestStart = Math.max(0, Math.min(first, words.length - maxWords));
        return String.join(" ", java.util.Arrays.copyOfRange(words, bestStart, bestStart + maxWords));
    }

    static List<String> sentences(String passage) {
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.forLanguageTag("pt-BR"));
        iterator.setText(passage);
        List<String> all = new ArrayList<>();
        for (int start = iterator.first(), end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            String sentence = passage.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                all.add(sentence);
            }
        }
        return all;
    }

    /** The number of words of a text, as the answer's length is counted. */
    public static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }
}
