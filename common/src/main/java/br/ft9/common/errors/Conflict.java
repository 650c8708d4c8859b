package br.ft9.common.errors;

/** A request that clashes with data that already exists (answered 409), e.g. a slug in use. */
public class Conflict extends RuntimeException {

    private final String field;

    public Conflict(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
