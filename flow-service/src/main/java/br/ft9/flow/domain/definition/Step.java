package br.ft9.flow.domain.definition;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One step of an automation, read and checked once from its JSON; each kind is its own record. */
public sealed interface Step permits SendWhatsApp, SendEmail, Delay, SetContactField, AddTag, HandoffToHuman, CallWebhook,
        AiGenerate, Branch {

    StepKind kind();

    /** Reads one step at {@code at} (e.g. {@code steps[1].then[0]}), adding what is wrong; null when its type is unknown. */
    static Step read(JsonNode step, String at, List<Violation> violations) {
        return StepKind.of(step.path("type").asText("")).map(kind -> kind.read(step, at, violations)).orElseGet(() -> {
            violations.add(new Violation(at + ".type", "type must be one of " + StepKind.names()));
            return null;
        });
    }
}
