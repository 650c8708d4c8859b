package br.ft9.flow.domain.definition;

import java.util.List;

/** A definition that does not compile; every problem found is listed, the first one in the message. */
public final class InvalidDefinition extends RuntimeException {

    private final List<Violation> violations;

    public InvalidDefinition(List<Violation> violations) {
        super(violations.get(0).path() + ": " + violations.get(0).message());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
