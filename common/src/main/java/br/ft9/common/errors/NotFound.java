package br.ft9.common.errors;

/**
 * Something the caller may not see or that does not exist (404). Data of another organisation is
 * always "not found", never "forbidden", so that its existence does not leak.
 */
public class NotFound extends RuntimeException {

    public NotFound(String detail) {
        super(detail);
    }
}
