package br.ft9.common.errors;

/** A field whose value breaks a rule that bean validation cannot express (answered 400, naming the field). */
public class InvalidField extends RuntimeException {

    private final String field;

    public InvalidField(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
