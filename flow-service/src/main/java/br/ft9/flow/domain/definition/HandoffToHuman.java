package br.ft9.flow.domain.definition;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.flow.domain.Limits;

/** Hands the conversation to the team, with a reason for them and optionally a message to the contact. */
public record HandoffToHuman(String reason, String message) implements Step {

    static final String DEFAULT_REASON = "asked by an automation";

    @Override
    public StepKind kind() {
        return StepKind.HANDOFF_TO_HUMAN;
    }

    static HandoffToHuman read(JsonNode step, String at, List<Violation> violations) {
        String message = Reading.text(step, "message");
        if (message != null && message.length() > Limits.TEXT) {
            violations.add(new Violation(at + ".message", "message is at most " + Limits.TEXT + " characters"));
        }
        String reason = step.path("reason").asText(DEFAULT_REASON);
        if (reason.length() > Limits.REASON) {
            violations.add(new Violation(at + ".reason", "reason is at most " + Limits.REASON + " characters"));
        }
        return new HandoffToHuman(reason, message);
    }
}
