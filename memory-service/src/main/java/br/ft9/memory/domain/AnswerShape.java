package br.ft9.memory.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kind of answer a question asks for, when its words say it: a number ("quantos"), a date ("quando"), what a
 * thing is ("o que é X?": a sentence saying "X é...", "X são...", "entende-se por X..."); anything otherwise. A sentence
 * without it is a weaker answer, however many of the question's words it repeats.
 */
record AnswerShape(Kind kind, Pattern holds) {

    /** The kinds of answer told apart. */
    enum Kind {
        NUMBER, DATE, DEFINITION, ANY
    }

    static final AnswerShape ANY = new AnswerShape(Kind.ANY, null);

    private static final Pattern ASKS_NUMBER = Pattern.compile("\\b(quant[oa]s?|qual (o|a) (numero|quantidade|valor|preco|total))\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d|\\b(dois|duas|tres|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|"
            + "vinte|trinta|cem|cento|mil|milh\\w*|dezenas?|centenas?|metade|dobro)\\b");
    private static final Pattern ASKS_DATE = Pattern.compile("\\b(quando|(em|a partir de|desde|ate) (que|qual) (ano|data|dia|mes|seculo|"
            + "decada|epoca|periodo)|que ano|qual (o )?ano|qual (a )?data)\\b");
    private static final Pattern DATE = Pattern.compile("\\d|\\b(janeiro|fevereiro|marco|abril|maio|junho|julho|agosto|setembro|outubro|"
            + "novembro|dezembro|seculo|segunda|terca|quarta|quinta|sexta|sabado|domingo|ano|anos|semestre|dia|dias|mes|meses|apos|antes|"
            + "depois|durante)\\b");
    /** "o que é X?", "que são X?", "o que significa X?": X of at most four words. */
    private static final Pattern ASKS_DEFINITION = Pattern.compile(
            "^\\s*(e\\s+)?(o\\s+)?que\\s+(e|sao|significa|quer dizer)\\s+(?:(?:o|a|os|as|um|uma)\\s+)?(\\p{L}[\\p{L}\\p{N}-]*(?:\\s+[\\p{L}\\p{N}-]+){0,3})\\s*\\??\\s*$");

    static AnswerShape of(String question) {
        String folded = folded(question);
        var definition = ASKS_DEFINITION.matcher(folded);
        if (definition.matches()) {
            String subject = Pattern.quote(definition.group(4));
            return new AnswerShape(Kind.DEFINITION, Pattern.compile("(^|[^\\p{L}])" + subject + "(\\s*\\([^)]*\\))?\\s*,?\\s+(e|sao|significa|"
                    + "consiste|designa|refere-se|quer dizer)\\b|entende-se por (o |a |os |as )?" + subject + "|^" + subject + "\\s*[:-]"));
        }
        if (ASKS_NUMBER.matcher(folded).find()) {
            return new AnswerShape(Kind.NUMBER, NUMBER);
        }
        if (ASKS_DATE.matcher(folded).find()) {
            return new AnswerShape(Kind.DATE, DATE);
        }
        return ANY;
    }

    /** Whether the sentence holds this kind of answer (always, for a question that does not say what it asks for). */
    boolean heldBy(String sentence) {
        return holds == null || heldByFolded(folded(sentence));
    }

    /** The same for a sentence already {@link #folded(String) folded} (kept by the index, read on every search). */
    boolean heldByFolded(String folded) {
        return holds == null || holds.matcher(folded).find();
    }

    /** The text as the patterns read it: lower case, without accents. */
    static String folded(String text) {
        return PortugueseText.fold(text).toLowerCase(Locale.ROOT);
    }
}
