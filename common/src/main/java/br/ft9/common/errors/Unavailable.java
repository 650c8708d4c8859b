package br.ft9.common.errors;

/** Something the answer needs (another service) cannot be reached now: 503 with a Retry-After, nothing half-done. */
public class Unavailable extends RuntimeException {

    public Unavailable(String detail, Throwable cause) {
        super(detail, cause);
    }
}
