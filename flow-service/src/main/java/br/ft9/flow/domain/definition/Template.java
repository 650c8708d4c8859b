package br.ft9.flow.domain.definition;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.flow.domain.Limits;

/** An approved WhatsApp template named in a step, with its body parameters (variables allowed). */
public record Template(String name, String language, List<String> parameters) {

    static Template read(JsonNode template, String at, List<Violation> violations) {
        if (template.path("name").asText("").isBlank()) {
            violations.add(new Violation(at + ".name", "a template needs its approved name"));
        }
        if (template.path("language").asText("").isBlank()) {
            violations.add(new Violation(at + ".language", "a template needs its language, e.g. pt_BR"));
        }
        JsonNode parameters = template.path("parameters");
        if (template.has("parameters") && (!parameters.isArray() || !Reading.allText(parameters))) {
            violations.add(new Violation(at + ".parameters", "parameters is a list of texts"));
        } else if (parameters.size() > Limits.TEMPLATE_PARAMETERS) {
            violations.add(new Violation(at + ".parameters", "a template has at most " + Limits.TEMPLATE_PARAMETERS + " parameters"));
        } else {
            for (int i = 0; i < parameters.size(); i++) {
                if (parameters.get(i).asText().length() > Limits.TEMPLATE_PARAMETER) {
                    violations.add(new Violation(at + ".parameters[" + i + "]", "a parameter is at most " + Limits.TEMPLATE_PARAMETER
                            + " characters"));
                }
            }
        }
        return new Template(template.path("name").asText(), template.path("language").asText(), Reading.texts(parameters));
    }
}
