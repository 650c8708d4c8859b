package br.ft9.memory.domain;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of one organisation's knowledge, by their spelling without accents: it puts back the accents a patient
 * left out ("horario" → "horário") the way the knowledge writes them, so the question and the passage stem alike.
 */
final class Vocabulary {

    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    /** Folded word → each written form and how often it occurs. */
    private final Map<String, Map<String, Integer>> forms = new HashMap<>();
    /** Folded word → its most frequent written form, when that form has accents; rebuilt on refresh. */
    private volatile Map<String, String> accented = Map.of();

    synchronized void add(String text) {
        count(text, 1);
    }

    synchronized void remove(String text) {
        count(text, -1);
    }

    private void count(String text, int delta) {
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String word = m.group();
            String folded = PortugueseText.fold(word);
            Map<String, Integer> counts = forms.computeIfAbsent(folded, f -> new HashMap<>());
            counts.merge(word, delta, Integer::sum);
            counts.values().removeIf(n -> n <= 0);
            if (counts.isEmpty()) {
                forms.remove(folded);
            }
        }
    }

    /** Makes the counted words the ones {@link #restore} uses (after a batch of changes). */
    synchronized void refresh() {
        Map<String, String> best = new HashMap<>();
        forms.forEach((folded, counts) -> counts.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry::getKey))
                .filter(e -> !e.getKey().equals(folded))
                .ifPresent(e -> best.put(folded, e.getKey())));
        accented = best;
    }

    /** The text with each word written without accents given the accents the knowledge most often writes it with. */
    String restore(String text) {
        Map<String, String> known = accented;
        if (known.isEmpty()) {
            return text;
        }
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 8);
        int last = 0;
        while (m.find()) {
            String word = m.group();
            String lower = word.toLowerCase(Locale.ROOT);
            String form = lower.equals(PortugueseText.fold(lower)) ? known.get(lower) : null;
            out.append(text, last, m.start()).append(form == null ? word : form);
            last = m.end();
        }
        return out.append(text, last, text.length()).toString();
    }
}
