package br.ft9.memory.domain;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The part of a passage that answers a question: its sentences weighed by the question's terms they hold (stemmed,
 * rarer terms weigh more; less when the run it opens lacks the kind of answer asked for, see {@link AnswerShape}), the
 * best one, the one after it and, when the kind of answer is not there yet, one more, cut with "…" where the answer
 * would pass {@code maxWords}; a sentence longer than that is cut to the window of words that starts where the
 * question's terms last come together. Short enough to read on a phone. (On FaQuAD's tuning half, the following
 * sentence holds the expected answer more often than the second best.)
 */
public final class Excerpts {

    /** About what fits a phone's screen without scrolling. */
    public static final int MAX_WORDS = 50;
    /**
     * A sentence without the kind of answer the question asks for (a number for "quantos", a date for "quando", what a
     * thing is for "o que é") weighs this much of its share of the question, here and in the index's closeness.
     */
    static final double TYPE_PENALTY = 0.6;
    /** The fewest words of the following sentence worth adding when it does not fit whole. */
    private static final int FILL = 8;
    /** The share of a long sentence's window where the question's words are looked for; the rest is the answer. */
    private static final double FOCUS = 0.7;

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
        AnswerShape type = AnswerShape.of(question);
        double[] own = new double[sentences.size()];
        boolean[] shaped = new boolean[sentences.size()];
        int[] length = new int[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            own[i] = weight(asked, portuguese.terms(sentences.get(i)));
            shaped[i] = type.heldBy(sentences.get(i));
            length[i] = words(sentences.get(i));
        }
        // Each sentence opens a run: itself and the sentence after it when it fits (the answer often follows the
        // sentence that repeats the question), and one more when the question asks for a kind of answer (a number, a
        // date, what a thing is) the two do not hold yet ("... a universidade de Nalanda. Nela viveu o filósofo
        // Nagarjuna. Durante sua existência chegou a contar com mais de 10.000 estudantes."). A sentence is weighed by
        // the question's terms it holds, and less when its run lacks the kind of answer asked for.
        int first = 0;
        int last = 0;
        double bestWeight = -1;
        for (int i = 0; i < sentences.size(); i++) {
            int end = i;
            int words = length[i];
            boolean typed = shaped[i];
            while (end + 1 < sentences.size() && (end == i || !typed && end == i + 1) && words + length[end + 1] <= maxWords) {
                end++;
                words += length[end];
                typed |= shaped[end];
            }
            double weight = own[i] * (typed ? 1 : TYPE_PENALTY);
            if (weight > bestWeight) {
                bestWeight = weight;
                first = i;
                last = end;
            }
        }
        String opening = sentences.get(first);
        if (length[first] > maxWords) {
            return window(asked, opening, maxWords);
        }
        String run = String.join(" ", sentences.subList(first, last + 1));
        // When the sentence after it does not fit whole, the start of it does, if enough fits to say something.
        int next = last + 1;
        int room = maxWords - words(run);
        if (last == first && next < sentences.size() && room >= FILL) {
            return run + " " + String.join(" ", java.util.Arrays.copyOf(sentences.get(next).split("\\s+"), room)) + "…";
        }
        return run;
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

    /**
     * The {@code maxWords} consecutive words of a long sentence that answer the question: they start at the last place
     * where the first {@link #FOCUS} of the window holds as many of the question's terms as any (each counted once),
     * and run on after them, where the answer is.
     */
    private String window(Set<String> asked, String sentence, int maxWords) {
        String[] words = sentence.split("\\s+");
        List<Set<String>> terms = new ArrayList<>(words.length);
        for (String word : words) {
            terms.add(portuguese.terms(word));
        }
        int focus = Math.max(1, (int) Math.round(maxWords * FOCUS));
        // Each of the question's terms counts once in a window, and of the windows holding as much of the question the
        // latest wins: the answer comes after the words that repeat the question, so they should open the excerpt.
        double bestWeight = -1;
        int bestStart = 0;
        for (int start = 0; start < words.length; start++) {
            Set<String> held = new java.util.HashSet<>();
            for (int i = start; i < Math.min(words.length, start + focus); i++) {
                held.addAll(terms.get(i));
            }
            double weight = weight(asked, held);
            if (weight > 0 && weight >= bestWeight) {
                bestWeight = weight;
                bestStart = start;
            }
        }
        bestStart = Math.max(0, Math.min(bestStart, words.length - maxWords));
        return String.join(" ", java.util.Arrays.copyOfRange(words, bestStart, Math.min(words.length, bestStart + maxWords)));
    }

    private static final java.util.regex.Pattern LOWER_CASE_START = java.util.regex.Pattern.compile("(?<=\\p{L}{4}[.!?])\\s+(?=\\p{Ll})");

    static List<String> sentences(String passage) {
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.forLanguageTag("pt-BR"));
        iterator.setText(passage);
        List<String> all = new ArrayList<>();
        for (int start = iterator.first(), end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            // Text pasted in lower case still has its full stops: ". o deferimento..." ends a sentence too (after a
            // word of four letters or more, so abbreviations such as "art." or "d.C." do not).
            for (String sentence : LOWER_CASE_START.split(passage.substring(start, end).strip())) {
                if (!sentence.isBlank()) {
                    all.add(sentence.strip());
                }
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
