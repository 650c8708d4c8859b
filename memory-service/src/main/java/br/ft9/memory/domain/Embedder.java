package br.ft9.memory.domain;

import java.util.List;

/**
 * Turns text into a unit-length vector. The in-process all-MiniLM-L6-v2 by default, OpenAI's
 * text-embedding-3-small when configured; {@link #model()} is recorded with every chunk so that a
 * change of model re-embeds.
 */
public interface Embedder {

    String model();

    /** Embeds each text; CPU- or network-heavy: never call it on the event loop. */
    List<float[]> embedAll(List<String> texts);

    default float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    /** Scales a vector to unit length, so that a dot product is the cosine similarity. */
    static float[] normalise(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return vector;
        }
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }
}
