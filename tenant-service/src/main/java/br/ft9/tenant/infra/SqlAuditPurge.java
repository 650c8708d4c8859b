package br.ft9.tenant.infra;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.tenant.domain.AuditPurge;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** An erased organisation's trail, removed past the append-only trigger, which lets only this transaction's organisation go. */
@ApplicationScoped
public class SqlAuditPurge implements AuditPurge {

    @Override
    public Uni<Integer> forget(UUID orgId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select set_config('ft9.audit_purge', :org, true)").setParameter("org", orgId.toString())
                .getSingleResult()
                .chain(() -> session.createNativeQuery("delete from audit_record where org_id = :org").setParameter("org", orgId)
                        .executeUpdate())
                .call(() -> session.createNativeQuery("delete from audit_chain where org_id = :org").setParameter("org", orgId)
                        .executeUpdate()));
    }
}
