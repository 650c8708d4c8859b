package br.ft9.tenant.domain;

import io.smallrye.mutiny.Uni;

/**
 * Whether whoever connects a WhatsApp number can prove it is theirs: the access token they give must be able to see
 * the number at Meta. Fails with an {@code InvalidField} naming what Meta refused, or {@link Unavailable}.
 */
public interface NumberOwnership {

    Uni<Void> confirm(NewChannel number);

    /** Meta could not be asked (down, slow, unreachable): nothing is connected, and trying again later may work. */
    class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }
}
