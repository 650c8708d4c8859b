package br.ft9.common.api;

import java.util.Locale;

/** What a list's {@code q} becomes in a query: a case-insensitive "contains" LIKE pattern, the text's own % and _ taken literally. */
public final class TextSearch {

    private TextSearch() {
    }

    /** For {@code lower(column) like :pattern}. */
    public static String containing(String text) {
        return "%" + text.strip().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
