package br.ft9.auth.domain;

import java.util.Locale;

/** Email addresses compared the way people expect: case and surrounding spaces do not matter. */
public final class Emails {

    private Emails() {
    }

    public static String normalise(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}
