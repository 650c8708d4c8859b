package br.ft9.flow.domain.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One instruction of the flat program a run walks with one step pointer: a step to perform, or a jump. A branch
 * becomes a jump over its {@code then} steps unless its condition holds, and a jump over its {@code else} steps.
 */
public sealed interface Instruction {

    /** The path of the step in the definition, e.g. {@code steps[1].then[0]}. */
    String path();

    /** Performs a step; {@code input} is the step as written, kept in the run's history. */
    record Perform(String path, Step step, JsonNode input) implements Instruction {
    }

    /** Goes on at {@code target}. */
    record Jump(String path, int target) implements Instruction {
    }

    /** Goes on with the next instruction when the condition holds, else at {@code target}. */
    record JumpUnless(String path, Condition condition, int target) implements Instruction {
    }
}
