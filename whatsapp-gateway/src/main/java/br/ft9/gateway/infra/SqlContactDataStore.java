package br.ft9.gateway.infra;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import br.ft9.gateway.domain.ContactDataStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** A contact's rows in the gateway's tables, through the Panache session (so in the caller's transaction). */
@ApplicationScoped
public class SqlContactDataStore implements ContactDataStore {

    @Override
    public Uni<Erased> erase(UUID orgId, UUID contactId, String waId) {
        return Panache.getSession().chain(s -> update(s, "delete from message_journey where org_id = :org and message_id in"
                + " (select id from message where org_id = :org and contact_id = :contact)", orgId, contactId)
                .chain(journeys -> update(s, "update message set text = null, payload = '{}', wa_message_id = null, status_reason = null"
                        + " where org_id = :org and contact_id = :contact", orgId, contactId)
                        .chain(messages -> update(s, "delete from inbox_event where org_id = :org and conversation_id in"
                                + " (select id from conversation where org_id = :org and contact_id = :contact)", orgId, contactId)
                                .chain(() -> update(s, "update conversation set last_message_text = null, handoff_reason = null,"
                                        + " status = case when status = 'OPEN' then 'CLOSED' else status end,"
                                        + " closed_at = coalesce(closed_at, now()) where org_id = :org and contact_id = :contact",
                                        orgId, contactId))
                                .chain(conversations -> update(s, "update contact set wa_id = 'erased:' || id, profile_name = null,"
                                        + " erased_at = now() where org_id = :org and id = :contact", orgId, contactId)
                                        .replaceWith(new Erased(messages, conversations, journeys))))));
    }

    private static Uni<Integer> update(Mutiny.Session s, String sql, UUID orgId, UUID contactId) {
        return s.createNativeQuery(sql).setParameter("org", orgId).setParameter("contact", contactId).executeUpdate();
    }

    @Override
    public Uni<List<JourneyStep>> journeySteps(UUID orgId, UUID contactId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select j.message_id, j.kind, j.detail, j.at from message_journey j"
                + " join message m on m.id = j.message_id where j.org_id = :org and m.org_id = :org and m.contact_id = :contact"
                + " order by j.at", Object[].class).setParameter("org", orgId).setParameter("contact", contactId).getResultList())
                .map(rows -> rows.stream().map(r -> new JourneyStep((UUID) r[0], (String) r[1], (String) r[2], SqlJourneyStore.time(r[3]))).toList());
    }

    @Override
    public Uni<Map<String, OffsetDateTime>> confirm(UUID erasureId, String service, OffsetDateTime at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into contact_erasure_confirmation (erasure_id, service,"
                + " confirmed_at) values (:erasure, :service, :at) on conflict do nothing").setParameter("erasure", erasureId)
                .setParameter("service", service).setParameter("at", at).executeUpdate())
                .chain(() -> confirmations(erasureId));
    }

    @Override
    public Uni<Map<String, OffsetDateTime>> confirmations(UUID erasureId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select service, confirmed_at from contact_erasure_confirmation"
                + " where erasure_id = :erasure order by confirmed_at", Object[].class).setParameter("erasure", erasureId).getResultList())
                .map(rows -> {
                    Map<String, OffsetDateTime> confirmed = new LinkedHashMap<>();
                    rows.forEach(r -> confirmed.put((String) r[0], SqlJourneyStore.time(r[1])));
                    return confirmed;
                });
    }
}
