package br.ft9.memory.domain;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The part of a passage that answers a question: its sentences weighed by the question's terms they hold (stemmed,
 * rarer terms weigh more; less when it lacks the number or date the question asks for), the best one and the one after
 * it, cut with "…" where the answer would pass {@code maxWords}; a sentence longer than that is cut to the window of
 * words that starts where the question's words are densest. Short enough to read on a phone. (On FaQuAD's tuning half,
 * the following sentence holds the expected answer more often than the second best.)
 */
public final class Excerpts {

    /** About what fits a phone's screen without scrolling. */
    public static final int MAX_WORDS = 50;
    /**
     * A sentence without the kind of answer the question asks for (a number for "quantos", a date for "quando") weighs
     * this much of its share of the question.
     */
    private static final double TYPE_PENALTY = 0.6;
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
        double[] weight = new double[sentences.size()];
        AnswerType type = AnswerType.of(question);
        for (int i = 0; i < sentences.size(); i++) {
            weight[i] = weight(asked, portuguese.terms(sentences.get(i)));
            if (!type.heldBy(sentences.get(i))) {
                weight[i] *= TYPE_PENALTY;
            }
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
        // contava com mais de 10.000 estudantes."): the next sentence joins, cut to the words that fit if it is long.
        int next = order[0] + 1;
        if (next >= sentences.size()) {
            return best;
        }
        String following = sentences.get(next);
        int room = maxWords - words(best);
        if (words(following) <= room) {
            return best + " " + following;
        }
        if (room >= FILL) {
            return best + " " + String.join(" ", java.util.Arrays.copyOf(following.split("\\s+"), room)) + "…";
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

    /**
     * The {@code maxWords} consecutive words of a long sentence that answer the question: they start where the
     * question's words are densest (within the first {@link #FOCUS} of the window) and run on after them, where the
     * answer is.
     */
    private String window(Set<String> asked, String sentence, int maxWords) {
        String[] words = sentence.split("\\s+");
        double[] weight = new double[words.length];
        for (int i = 0; i < words.length; i++) {
            weight[i] = weight(asked, portuguese.terms(words[i]));
        }
        int focus = Math.max(1, (int) Math.round(maxWords * FOCUS));
        double current = 0;
        for (int i = 0; i < Math.min(focus, words.length); i++) {
            current += weight[i];
        }
        double bestWeight = current;
        int bestStart = 0;
        for (int start = 1; start + focus <= words.length; start++) {
            current += weight[start + focus - 1] - weight[start - 1];
            if (current > bestWeight) {
                bestWeight = current;
                bestStart = start;
            }
        }
        int first = bestStart;
        while (first < Math.min(bestStart + focus, words.length - 1) && weight[first] == 0) {
            first++;
        }
        bestStart = Math.max(0, Math.min(first, words.length - maxWords));
        return String.join(" ", java.util.Arrays.copyOfRange(words, bestStart, Math.min(words.length, bestStart + maxWords)));
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

    /** What kind of answer the question asks for, when its first words say it: a number, a date; anything otherwise. */
    enum AnswerType {
        NUMBER(java.util.regex.Pattern.compile("\\b(quant[oa]s?|qual (o|a) (n[uú]mero|quantidade|valor|pre[cç]o|total))\\b"),
                java.util.regex.Pattern.compile("\\d|\\b(um|uma|dois|duas|tr[eê]s|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|vinte|trinta|cem|cento|mil|milh[aãõo]\\w*|dezenas?|centenas?|metade|dobro)\\b")),
        DATE(java.util.regex.Pattern.compile("\\b(quando|(em|a partir de|desde|at[eé]) (que|qual) (ano|data|dia|m[eê]s|s[eé]culo|d[eé]cada|[eé]poca|per[ií]odo)|que ano|qual (o )?ano|qual (a )?data)\\b"),
                java.util.regex.Pattern.compile("\\d|\\b(janeiro|fevereiro|mar[cç]o|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|s[eé]culo|segunda|ter[cç]a|quarta|quinta|sexta|s[aá]bado|domingo|ano|anos|semestre|dia|dias|m[eê]s|meses|ap[oó]s|antes|depois|durante)\\b")),
        ANY(null, null);

        private final java.util.regex.Pattern asks;
        private final java.util.regex.Pattern holds;

        AnswerType(java.util.regex.Pattern asks, java.util.regex.Pattern holds) {
            this.asks = asks;
            this.holds = holds;
        }

        static AnswerType of(String question) {
            String lower = question.toLowerCase(Locale.ROOT);
            for (AnswerType type : values()) {
                if (type.asks != null && type.asks.matcher(lower).find()) {
                    return type;
                }
            }
            return ANY;
        }

        boolean heldBy(String sentence) {
            return holds == null || holds.matcher(sentence.toLowerCase(Locale.ROOT)).find();
        }
    }
}
