package br.ft9.flow.domain.definition;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Takes its {@code then} steps when its condition holds, else its {@code else} steps; either list may be empty. */
public record Branch(Condition when, List<Step> then, List<Step> otherwise) implements Step {

    @Override
    public StepKind kind() {
        return StepKind.BRANCH;
    }

    static Branch read(JsonNode step, String at, List<Violation> violations) {
        Condition when = Condition.read(step.path("if"), at + ".if", violations);
        return new Branch(when, steps(step.path("then"), at + ".then", violations), steps(step.path("else"), at + ".else", violations));
    }

    /** Reads a list of steps, each at its index under {@code at}. */
    static List<Step> steps(JsonNode steps, String at, List<Violation> violations) {
        JsonNode array = Reading.array(steps);
        List<Step> read = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            read.add(Step.read(array.get(i), at + "[" + i + "]", violations));
        }
        return read;
    }
}
