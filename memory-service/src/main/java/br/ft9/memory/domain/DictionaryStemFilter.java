package br.ft9.memory.domain;

import java.io.IOException;
import java.util.List;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.hunspell.Dictionary;
import org.apache.lucene.analysis.hunspell.Hunspell;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Each word replaced by its longest pt-BR dictionary stem that keeps the word's beginning: Hunspell also strips
 * prefixes ("renovação" → "novação", "independentes" → "dependente"), which would join words of opposite or unrelated
 * meaning. A word the dictionary does not know stays as it is.
 */
final class DictionaryStemFilter extends TokenFilter {

    private static final int KEPT_BEGINNING = 3;

    private static final int REMEMBERED = 20_000;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final org.apache.lucene.analysis.tokenattributes.KeywordAttribute keyword =
            addAttribute(org.apache.lucene.analysis.tokenattributes.KeywordAttribute.class);
    private final Hunspell hunspell;
    /** Stems already looked up by this filter (one per thread: the analyzer reuses it). */
    private final java.util.Map<String, String> stems = new java.util.HashMap<>();

    DictionaryStemFilter(TokenStream input, Dictionary dictionary) {
        super(input);
        this.hunspell = new Hunspell(dictionary);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (keyword.isKeyword()) {
            return true;
        }
        String word = term.toString();
        String stem = stems.get(word);
        if (stem == null) {
            stem = stem(word);
            if (stems.size() >= REMEMBERED) {
                stems.clear();
            }
            stems.put(word, stem);
        }
        if (!stem.equals(word)) {
            term.setEmpty().append(stem);
        }
        return true;
    }

    private String stem(String word) {
        String prefix = word.substring(0, Math.min(KEPT_BEGINNING, word.length()));
        String best = null;
        for (String root : hunspell.getRoots(word)) {
            if (root.startsWith(prefix) && (best == null || root.length() > best.length())) {
                best = root;
            }
        }
        return best == null ? word : best;
    }
}
