package br.ft9.gateway.infra;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.gateway.domain.JourneyStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Journeys' steps in message_journey, unique per (organisation, ref), through the Panache session. */
@ApplicationScoped
public class SqlJourneyStore implements JourneyStore {

    @Override
    public Uni<Void> keep(UUID orgId, UUID messageId, String ref, String kind, String detail, OffsetDateTime at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into message_journey (org_id, message_id, ref, kind, detail, at)"
                + " values (:org, :message, :ref, :kind, :detail, :at) on conflict do nothing").setParameter("org", orgId)
                .setParameter("message", messageId).setParameter("ref", ref).setParameter("kind", kind)
                .setParameter("detail", detail).setParameter("at", at).executeUpdate()).replaceWithVoid();
    }

    @Override
    public Uni<Void> keepEnd(UUID orgId, String ref, String kind, String detail, OffsetDateTime at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into message_journey (org_id, message_id, ref, kind, detail, at)"
                + " select org_id, message_id, :endRef, :kind, :detail, :at from message_journey where org_id = :org and ref = :ref"
                + " on conflict do nothing").setParameter("org", orgId).setParameter("ref", ref).setParameter("endRef", ref + "/end")
                .setParameter("kind", kind).setParameter("detail", detail).setParameter("at", at).executeUpdate())
                .replaceWithVoid();
    }

    @Override
    public Uni<List<Kept>> steps(UUID orgId, UUID messageId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select kind, detail, at from message_journey"
                + " where org_id = :org and message_id = :message", Object[].class).setParameter("org", orgId)
                .setParameter("message", messageId).getResultList())
                .map(rows -> rows.stream().map(row -> new Kept((String) row[0], (String) row[1], time(row[2]))).toList());
    }

    /** A timestamp column as Hibernate Reactive hands it back (the driver's type varies with the column's). */
    static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }
}
