package br.ft9.flow.infra;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.flow.domain.ContactsSeen;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** flow_contact by upsert, so that two messages of a new contact at once create it once. */
@ApplicationScoped
public class SqlContactsSeen implements ContactsSeen {

    @Override
    public Uni<Seen> wrote(UUID orgId, String waId, UUID contactId, String name, OffsetDateTime at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into flow_contact (org_id, wa_id, contact_id, name,"
                + " last_inbound_at, first_seen_at) values (:org, :wa, :contact, :name, :at, now()) on conflict (org_id, wa_id) do"
                + " update set contact_id = excluded.contact_id, name = coalesce(excluded.name, flow_contact.name),"
                + " last_inbound_at = greatest(flow_contact.last_inbound_at, excluded.last_inbound_at)"
                + " returning (xmax = 0), opted_out, name, fields, array_to_string(tags, ',')", Object[].class)
                .setParameter("org", orgId).setParameter("wa", waId).setParameter("contact", contactId)
                .setParameter("name", name).setParameter("at", at)
                .getSingleResult())
                .map(row -> new Seen(Boolean.TRUE.equals(row[0]), Boolean.TRUE.equals(row[1]), (String) row[2], (String) row[3],
                        (String) row[4]));
    }

    @Override
    public Uni<Seen> find(UUID orgId, String waId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select opted_out, name, fields, array_to_string(tags, ',')"
                + " from flow_contact where org_id = :org and wa_id = :wa", Object[].class)
                .setParameter("org", orgId).setParameter("wa", waId).getResultList())
                .map(rows -> rows.isEmpty() ? null : new Seen(false, Boolean.TRUE.equals(rows.get(0)[0]), (String) rows.get(0)[1],
                        (String) rows.get(0)[2], (String) rows.get(0)[3]));
    }

    @Override
    public Uni<Void> optOut(UUID orgId, String waId, UUID contactId, boolean optedOut) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into flow_contact (org_id, wa_id, contact_id,"
                + " opted_out, first_seen_at) values (:org, :wa, :contact, :out, now()) on conflict (org_id, wa_id)"
                + " do update set opted_out = :out")
                .setParameter("org", orgId).setParameter("wa", waId)
                .setParameter("contact", contactId).setParameter("out", optedOut)
                .executeUpdate()).replaceWithVoid();
    }
}
