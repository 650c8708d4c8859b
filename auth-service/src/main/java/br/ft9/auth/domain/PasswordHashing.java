package br.ft9.auth.domain;

import io.smallrye.mutiny.Uni;

/** Hashes passwords and checks them, off the event loop (hashing is slow on purpose). */
public interface PasswordHashing {

    Uni<String> hash(String password);

    /** Whether the password matches; a null hash matches nothing (and takes as long). */
    Uni<Boolean> matches(String password, String hashOrNull);
}
