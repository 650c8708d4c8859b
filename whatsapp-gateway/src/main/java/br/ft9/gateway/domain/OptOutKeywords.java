package br.ft9.gateway.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * The words a contact sends, alone, to stop or to resume messages from the organisation. Only the
 * whole message counts ("SAIR", "stop!"), so that "não quero sair" is just a message.
 */
public final class OptOutKeywords {

    private static final Set<String> STOP = Set.of("SAIR", "STOP", "PARAR", "UNSUBSCRIBE", "DESCADASTRAR");
    private static final Set<String> RESUME = Set.of("VOLTAR", "START", "RETOMAR");

    private OptOutKeywords() {
    }

    public static boolean isOptOut(String text) {
        return STOP.contains(normalise(text));
    }

    public static boolean isOptIn(String text) {
        return RESUME.contains(normalise(text));
    }

    private static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.replaceAll("[\\p{Punct}\\s]", "").toUpperCase(Locale.ROOT);
    }
}
