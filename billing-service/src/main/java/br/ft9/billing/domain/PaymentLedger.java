package br.ft9.billing.domain;

import java.time.Instant;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The Stripe events billing applied (each once) and the invoices they told of. */
public interface PaymentLedger {

    /** Whether the event was applied already (outside any transaction: Stripe is not asked again for it). */
    Uni<Boolean> applied(String eventId);

    /** Records the event in the caller's transaction; false when it was recorded before. */
    Uni<Boolean> recordOnce(String eventId, String type, UUID orgId, Instant created);

    /** The invoice's status and amount; false when nothing changed (a paid invoice is final). */
    Uni<Boolean> invoice(String invoiceId, UUID orgId, boolean paid, long cents, String currency);
}
