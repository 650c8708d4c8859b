package br.ft9.memory.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.hunspell.Dictionary;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.tartarus.snowball.ext.PortugueseStemmer;

/**
 * How FT9 reads Brazilian Portuguese, the same way for the knowledge and for the question: words lower-cased, stop
 * words and question words left out, each word reduced to its dictionary stem (pt-BR Hunspell, when the dictionary is
 * installed: it joins "contribuem" and "contribuição"), accents folded, then Snowball's Portuguese stemmer on what is
 * left. WhatsApp's abbreviations ("vc", "qto", "pra") are written out before any of that. Thread-safe.
 */
public final class PortugueseText {

    /** Words that ask rather than say: they appear in every question and tell nothing about which passage answers it. */
    private static final List<String> QUESTION_WORDS = List.of("qual", "quais", "onde", "quando", "como", "quem", "porque",
            "por", "pq", "é", "oi", "olá", "ola", "bom", "boa", "favor", "gostaria", "queria", "saber");

    /**
     * Words of everyday conversation that say little about what is asked ("posso", "fazer", "hoje", "aí"): a knowledge
     * base that never uses them does not fail to answer the question, so they weigh little in how much of a question a
     * passage holds.
     */
    private static final List<String> LIGHT_WORDS = List.of("quero", "queria", "quer", "querem", "posso", "pode", "podem",
            "poderia", "preciso", "precisa", "precisam", "faz", "fazer", "fazem", "faço", "feito", "tem", "têm", "ter", "tenho",
            "fica", "ficar", "fico", "ficam", "sabe", "saber", "sei", "gostaria", "gosto", "hoje", "amanhã", "ontem", "agora",
            "aqui", "aí", "ali", "lá", "ainda", "já", "mesmo", "mesma", "também", "só", "sempre", "nunca", "coisa", "algum",
            "alguma", "alguém", "tudo", "todo", "toda", "obrigado", "obrigada", "ok", "sim", "né", "então", "tipo", "gente",
            "vez", "dar", "dá", "ir", "vou", "vai", "vão", "estou", "está", "estão", "ser", "sou", "consegue", "consigo",
            "conseguir", "ver", "falar", "dizer", "informação", "informações", "informar", "ajuda", "ajudar", "senhor", "senhora",
            "moço", "moça", "favor", "certo", "tirar", "colocar", "pôr", "botar", "levar", "usar", "vir", "venho", "chegar",
            "quanto", "quanta", "quantos", "quantas");

    /** An adverb in -mente, four letters or more before it (not "semente", "alimente"). */
    private static final java.util.regex.Pattern ADVERB = java.util.regex.Pattern.compile("\\p{L}{4,}mente");

    /** What people type on WhatsApp, written out (whole words only; the folded spelling is matched too). */
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("vc", "você"), Map.entry("vcs", "vocês"), Map.entry("q", "que"),
            Map.entry("qto", "quanto"), Map.entry("qt", "quanto"), Map.entry("qnto", "quanto"), Map.entry("qdo", "quando"),
            Map.entry("qndo", "quando"), Map.entry("pra", "para"), Map.entry("pro", "para o"), Map.entry("pras", "para as"),
            Map.entry("pros", "para os"), Map.entry("tb", "também"), Map.entry("tbm", "também"), Map.entry("hj", "hoje"),
            Map.entry("amnh", "amanhã"), Map.entry("n", "não"), Map.entry("ñ", "não"),
            Map.entry("msm", "mesmo"), Map.entry("td", "tudo"), Map.entry("tds", "todos"), Map.entry("dps", "depois"),
            Map.entry("agr", "agora"), Map.entry("cmg", "comigo"), Map.entry("ctg", "contigo"), Map.entry("fds", "fim de semana"),
            Map.entry("sab", "sábado"), Map.entry("dom", "domingo"), Map.entry("seg", "segunda"), Map.entry("qlq", "qualquer"),
            Map.entry("qq", "qualquer"), Map.entry("mto", "muito"), Map.entry("mt", "muito"), Map.entry("vlw", "valeu"),
            Map.entry("obg", "obrigado"), Map.entry("pfv", "por favor"), Map.entry("pf", "por favor"), Map.entry("p", "para"),
            Map.entry("ta", "está"), Map.entry("tá", "está"), Map.entry("to", "estou"), Map.entry("tô", "estou"),
            Map.entry("neh", "né"), Map.entry("eh", "é"), Map.entry("dr", "doutor"), Map.entry("dra", "doutora"),
            Map.entry("tel", "telefone"), Map.entry("end", "endereço"), Map.entry("info", "informação"));
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private final Dictionary dictionary;
    private final CharArraySet stopWords;
    private final CharArraySet foldedStopWords;
    private final Analyzer analyzer;
    private final Analyzer exact;
    private final Set<String> light;

    private PortugueseText(Dictionary dictionary) {
        this.dictionary = dictionary;
        this.stopWords = new CharArraySet(PortugueseAnalyzer.getDefaultStopSet(), true);
        stopWords.addAll(QUESTION_WORDS);
        this.foldedStopWords = new CharArraySet(stopWords.size() * 2, true);
        stopWords.forEach(w -> foldedStopWords.add(fold(new String((char[]) w))));
        this.exact = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream words = new LowerCaseFilter(source);
                words = new StopFilter(words, stopWords);
                words = new ASCIIFoldingFilter(words);
                return new TokenStreamComponents(source, words);
            }
        };
        Analyzer stemmed = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream words = new LowerCaseFilter(source);
                words = new StopFilter(words, stopWords);
                // Adverbs in -mente ("geralmente", "anualmente") stay whole, so they can weigh as light words: they
                // say how, not what (stemmed, "geralmente" would be "geral").
                words = new org.apache.lucene.analysis.miscellaneous.PatternKeywordMarkerFilter(words, ADVERB);
                if (dictionary != null) {
                    words = new DictionaryStemFilter(words, dictionary);
                }
                words = new ASCIIFoldingFilter(words);
                //words = new StopFilter(words, foldedStopWords);
                words = new SnowballFilter(words, new PortugueseStemmer());
                return new TokenStreamComponents(source, words);
            }
        };
        this.analyzer = new org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper(stemmed, Map.of("exact", exact));
        this.light = Set.copyOf(termList(String.join(" ", LIGHT_WORDS)));
    }

    /** Stems from pt-BR Hunspell dictionaries (Debian's hunspell-pt-br: pt_BR.aff and pt_BR.dic), then Snowball. */
    public static PortugueseText withDictionary(InputStream affix, InputStream words) {
        try {
            return new PortugueseText(new Dictionary(new ByteBuffersDirectory(), "pt_BR", affix, words));
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("the pt-BR Hunspell dictionary could not be read", e);
        }
    }

    /** Snowball's Portuguese stemmer alone, where no dictionary is installed (verb and noun forms stay further apart). */
    public static PortugueseText withoutDictionary() {
        return new PortugueseText(null);
    }

    public boolean hasDictionary() {
        return dictionary != null;
    }

    /** The Lucene analyzer for the knowledge and the questions. */
    public Analyzer analyzer() {
        return analyzer;
    }

    /** The text's words as written, lower-cased and without accents (no stems): the exact-form field. */
    public List<String> exactTerms(String text) {
        return tokens(exact, "exact", text);
    }

    /** The text's terms (stems), in order, once each. */
    public Set<String> terms(String text) {
        return new LinkedHashSet<>(termList(text));
    }

    /** The text's terms (stems) in order, repeated as they occur. */
    public List<String> termList(String text) {
        return tokens(analyzer, "text", text);
    }

    private static List<String> tokens(Analyzer analyzer, String field, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /** Whether a term (a stem) is one of everyday conversation's light words. */
    public boolean light(String term) {
        return light.contains(term) || ADVERB.matcher(term).matches();
    }

    /** WhatsApp's abbreviations written out: "vcs abrem q horas?" becomes "vocês abrem que horas?". */
    public static String writtenOut(String text) {
        Matcher words = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        int last = 0;
        while (words.find()) {
            String word = words.group();
            String full = ABBREVIATIONS.get(word.toLowerCase(Locale.ROOT));
            out.append(text, last, words.start()).append(full == null ? word : full);
            last = words.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    /** The text without accents ("Horário" → "Horario"). */
    public static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    /**
     * The text's words only: lower case, without accents, anything between letters and digits one space ("Horário:
     * 8h-18h." → "horario 8h 18h"); two texts saying the same words compare equal.
     */
    public static String plainWords(String text) {
        return fold(text).toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** The words of a text, as written (letters and digits). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }
}
