package br.ft9.flow.domain.definition;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.flow.domain.Limits;

/** Keeps a value (variables allowed) in one of the contact's fields, for later runs and the team's contact panel. */
public record SetContactField(String field, String value) implements Step {

    @Override
    public StepKind kind() {
        return StepKind.SET_CONTACT_FIELD;
    }

    static SetContactField read(JsonNode step, String at, List<Violation> violations) {
        String field = step.path("field").asText("");
        if (!Reading.NAME.matcher(field).matches()) {
            violations.add(new Violation(at + ".field", "field is a lower-case name of up to 40 letters, digits or _"));
        }
        if (!step.path("value").isTextual() || step.path("value").asText().length() > Limits.FIELD_VALUE) {
            violations.add(new Violation(at + ".value", "value is a text of up to " + Limits.FIELD_VALUE
                    + " characters (variables like {{trigger.text}} allowed)"));
        }
        return new SetContactField(field, step.path("value").asText());
    }
}
