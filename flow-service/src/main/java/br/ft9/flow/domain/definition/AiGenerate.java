package br.ft9.flow.domain.definition;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Asks the organisation's knowledge a question (variables allowed); the answer becomes facts for the next steps under
 * {@code as} (default {@code ai}): {@code ai.answer}, {@code ai.handoff}, {@code ai.sources}.
 */
public record AiGenerate(String question, String as) implements Step {

    /** Where the answer goes when the step names no other place: {@code {{ai.answer}}}. */
    public static final String DEFAULT_NAME = "ai";
    public static final int QUESTION = 1000;

    @Override
    public StepKind kind() {
        return StepKind.AI_GENERATE;
    }

    static AiGenerate read(JsonNode step, String at, List<Violation> violations) {
        String question = step.path("question").asText("");
        if (question.isBlank() || question.length() > QUESTION) {
            violations.add(new Violation(at + ".question", "question is 1 to " + QUESTION
                    + " characters (variables like {{trigger.text}} allowed)"));
        }
        String as = step.path("as").asText(DEFAULT_NAME);
        if (!Reading.NAME.matcher(as).matches() || Set.of("trigger", "contact").contains(as)) {
            violations.add(new Violation(at + ".as", "as is a lower-case name for the answer (not trigger or contact)"));
        }
        return new AiGenerate(question, as);
    }
}
