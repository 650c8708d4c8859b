package br.ft9.flow.domain.definition;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.flow.domain.Limits;

/** Calls the organisation's system over HTTP (GET, POST or PUT), with a body whose variables are filled. */
public record CallWebhook(String method, String url, String body) implements Step {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT");

    @Override
    public StepKind kind() {
        return StepKind.CALL_WEBHOOK;
    }

    static CallWebhook read(JsonNode step, String at, List<Violation> violations) {
        String url = step.path("url").asText("");
        if (!url.startsWith("https://") && !url.startsWith("http://") || url.length() > Limits.URL) {
            violations.add(new Violation(at + ".url", "url is an http or https address of up to " + Limits.URL + " characters"));
        }
        // A body given as JSON is sent as that JSON's text.
        JsonNode node = step.path("body");
        String body = node.isMissingNode() ? null : node.isTextual() ? node.asText() : node.toString();
        if (body != null && body.length() > Limits.BODY) {
            violations.add(new Violation(at + ".body", "body is at most " + Limits.BODY + " characters"));
        }
        String method = step.path("method").asText("POST");
        if (!METHODS.contains(method)) {
            violations.add(new Violation(at + ".method", "method is GET, POST or PUT"));
        }
        return new CallWebhook(method, url, body);
    }
}
