package br.ft9.flow.domain.definition;

/** A problem in a definition, at the JSON path of the field at fault (e.g. {@code steps[2].then[0].text}). */
public record Violation(String path, String message) {
}
