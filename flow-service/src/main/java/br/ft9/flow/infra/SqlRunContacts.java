package br.ft9.flow.infra;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.sql.SessionSql;
import br.ft9.flow.domain.run.RunContacts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Contacts in flow_contact, read and changed through the Panache session, in the step's transaction. */
@ApplicationScoped
public class SqlRunContacts implements RunContacts {

    @Override
    public Uni<Reach> reach(UUID orgId, String waId) {
        return SessionSql.row("select opted_out, last_inbound_at > now() - interval '24 hours' from flow_contact"
                + " where org_id = $1 and wa_id = $2", orgId, waId)
                .map(row -> new Reach(row != null && Boolean.TRUE.equals(row[0]), row != null && Boolean.TRUE.equals(row[1])));
    }

    @Override
    public Uni<Void> setField(UUID orgId, String waId, String field, String value) {
        return update(orgId, waId, "fields = (coalesce(fields, '{}')::jsonb || jsonb_build_object(cast(:a as text), cast(:b as text)))::text",
                field, value);
    }

    @Override
    public Uni<Void> addTag(UUID orgId, String waId, String tag) {
        return update(orgId, waId, "tags = case when cast(:a as text) = any(tags) then tags else array_append(tags, cast(:b as text)) end",
                tag, tag);
    }

    private static Uni<Void> update(UUID orgId, String waId, String set, String a, String b) {
        String sql = "update flow_contact set " + set + " where org_id = :org and wa_id = :wa";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql).setParameter("a", a).setParameter("b", b)
                .setParameter("org", orgId).setParameter("wa", waId).executeUpdate()).replaceWithVoid();
    }
}
