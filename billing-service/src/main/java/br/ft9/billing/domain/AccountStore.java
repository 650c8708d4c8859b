package br.ft9.billing.domain;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** What billing keeps per organisation beyond its subscription: where invoices go, and everything, erased at once. */
public interface AccountStore {

    /** The organisation's invoices go to this address from now on (its account opened if it had none). */
    Uni<Void> billTo(UUID orgId, String email);

    /** The organisation's Stripe customer (the first one recorded stays) and, when given, its billing address. */
    Uni<Void> linkCustomer(UUID orgId, String customerId, String email);

    /** The organisation was deleted: its use, notices, invoices and account go, in the caller's transaction. */
    Uni<Void> erase(UUID orgId);
}
