package br.ft9.common.errors;

/** An action the caller sees but may not take, such as changing their own role (403). */
public class NotAllowed extends RuntimeException {

    public NotAllowed(String detail) {
        super(detail);
    }
}
