package br.ft9.memory.domain;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Lets the benchmark read the evaluation set the way the evaluation does. */
public final class RetrievalEvaluationTestAccess {

    private RetrievalEvaluationTestAccess() {
    }

    public static List<JsonNode> lines(String name) throws IOException {
        return RetrievalEvaluationTest.lines(name);
    }
}
