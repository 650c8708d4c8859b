package br.ft9.flow.domain.definition;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.flow.domain.Limits;

/** Tags the contact (once: a tag already there stays one). */
public record AddTag(String tag) implements Step {

    @Override
    public StepKind kind() {
        return StepKind.ADD_TAG;
    }

    static AddTag read(JsonNode step, String at, List<Violation> violations) {
        String tag = step.path("tag").asText("");
        if (tag.isBlank() || tag.length() > Limits.TAG) {
            violations.add(new Violation(at + ".tag", "tag is 1 to " + Limits.TAG + " characters"));
        }
        return new AddTag(tag);
    }
}
