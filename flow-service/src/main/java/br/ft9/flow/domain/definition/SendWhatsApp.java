package br.ft9.flow.domain.definition;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.flow.domain.Limits;

/**
 * Sends the contact a text, or a template; a text step may name the template to send instead once the contact's
 * 24-hour window has closed.
 */
public record SendWhatsApp(String text, Template template, Template fallbackTemplate) implements Step {

    @Override
    public StepKind kind() {
        return StepKind.SEND_WHATSAPP;
    }

    static SendWhatsApp read(JsonNode step, String at, List<Violation> violations) {
        boolean hasText = step.hasNonNull("text");
        boolean hasTemplate = step.hasNonNull("template");
        if (hasText == hasTemplate) {
            violations.add(new Violation(at, "send_whatsapp needs either text or template"));
        }
        String text = Reading.text(step, "text");
        if (hasText && (text.isBlank() || text.length() > Limits.TEXT)) {
            violations.add(new Violation(at + ".text", "text is 1 to " + Limits.TEXT + " characters"));
        }
        Template template = hasTemplate ? Template.read(step.path("template"), at + ".template", violations) : null;
        Template fallback = step.hasNonNull("fallbackTemplate")
                ? Template.read(step.path("fallbackTemplate"), at + ".fallbackTemplate", violations) : null;
        return new SendWhatsApp(text, template, fallback);
    }
}
