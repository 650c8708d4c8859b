package br.ft9.memory.domain;

import io.smallrye.mutiny.Uni;

/** The language model that writes an answer from passages, when one is configured (an OpenAI-compatible endpoint). */
public interface Writer {

    boolean configured();

    /** The model's name, as reported with its answers. */
    String name();

    Uni<String> complete(String system, String user);
}
