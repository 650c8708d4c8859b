package br.ft9.tenant.infra;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.tenant.domain.ContactTraces;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** A contact's traces in dead_letter, through the Panache session (the consumer's transaction). */
@ApplicationScoped
public class SqlContactTraces implements ContactTraces {

    @Override
    public Uni<Integer> forget(UUID orgId, UUID contactId, String waId, String reason) {
        String number = waId == null || waId.isBlank() ? contactId.toString() : waId;
        return Panache.getSession().chain(session -> session.createNativeQuery("update dead_letter set payload = null, headers = '[]',"
                + " record_key = null, reason = null, cause = null, discard_reason = case when status = 'PENDING' then :reason"
                + " else discard_reason end, settled_at = case when status = 'PENDING' then now() else settled_at end,"
                + " status = case when status = 'PENDING' then 'DISCARDED' else status end"
                + " where org_id = :org and (strpos(coalesce(payload, ''), :contact) > 0 or strpos(coalesce(payload, ''), :wa) > 0"
                + " or strpos(coalesce(record_key, ''), :wa) > 0)").setParameter("org", orgId).setParameter("reason", reason)
                .setParameter("contact", contactId.toString()).setParameter("wa", number).executeUpdate());
    }
}
