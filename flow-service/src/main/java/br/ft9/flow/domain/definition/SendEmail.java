package br.ft9.flow.domain.definition;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.flow.domain.Limits;

/** Sends an email (to a fixed address or one from the facts, e.g. {@code {{trigger.email}}}). */
public record SendEmail(String to, String subject, String body) implements Step {

    /** What is checked as an address, once variables are filled. */
    public static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @Override
    public StepKind kind() {
        return StepKind.SEND_EMAIL;
    }

    static SendEmail read(JsonNode step, String at, List<Violation> violations) {
        String to = step.path("to").asText("");
        if (!ADDRESS.matcher(to).matches() && !to.matches(".*\\{\\{.+}}.*")) {
            violations.add(new Violation(at + ".to", "to is an email address or a variable like {{trigger.email}}"));
        }
        String subject = step.path("subject").asText("");
        if (subject.isBlank() || subject.length() > Limits.SUBJECT) {
            violations.add(new Violation(at + ".subject", "subject is 1 to " + Limits.SUBJECT + " characters"));
        }
        String body = step.path("body").asText("");
        if (body.isBlank() || body.length() > Limits.BODY) {
            violations.add(new Violation(at + ".body", "body is 1 to " + Limits.BODY + " characters"));
        }
        return new SendEmail(to, subject, body);
    }
}
