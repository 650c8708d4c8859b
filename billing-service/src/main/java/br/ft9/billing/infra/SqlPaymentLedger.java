package br.ft9.billing.infra;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.billing.domain.PaymentLedger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** stripe_event (one row per event id applied) and invoice (upserted, never out of 'paid'). */
@ApplicationScoped
public class SqlPaymentLedger implements PaymentLedger {

    @Override
    public Uni<Boolean> applied(String eventId) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("select count(*) from stripe_event"
                + " where id = :id", Long.class).setParameter("id", eventId).getSingleResult())).map(n -> n > 0);
    }

    @Override
    public Uni<Boolean> recordOnce(String eventId, String type, UUID orgId, Instant created) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into stripe_event (id, type, org_id, created)"
                + " values (:id, :type, :org, :created) on conflict (id) do nothing")
                .setParameter("id", eventId).setParameter("type", type).setParameter("org", orgId)
                .setParameter("created", created.atOffset(ZoneOffset.UTC)).executeUpdate()).map(n -> n == 1);
    }

    @Override
    public Uni<Boolean> invoice(String invoiceId, UUID orgId, boolean paid, long cents, String currency) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into invoice (id, org_id, status, amount, currency, updated_at)"
                + " values (:id, :org, :status, :amount, :currency, now()) on conflict (id) do update set status = excluded.status,"
                + " amount = excluded.amount, updated_at = now() where invoice.status <> 'paid'")
                .setParameter("id", invoiceId).setParameter("org", orgId).setParameter("status", paid ? "paid" : "failed")
                .setParameter("amount", cents).setParameter("currency", currency).executeUpdate()).map(n -> n > 0);
    }
}
