package br.ft9.auth.domain;

/** The name colleagues see, tidied: spaces collapsed, blank meaning none. */
public final class DisplayNames {

    private DisplayNames() {
    }

    public static String tidy(String name) {
        if (name == null) {
            return null;
        }
        String tidied = name.strip().replaceAll("\\s+", " ");
        return tidied.isEmpty() ? null : tidied;
    }
}
