package br.ft9.gateway.infra;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.sql.SessionSql;
import br.ft9.gateway.domain.JourneyStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Journeys' steps in message_journey, unique per (organisation, message, ref), a batch's in one statement, in the session's transaction. */
@ApplicationScoped
public class SqlJourneyStore implements JourneyStore {

    @Override
    public Uni<Void> keep(List<NewStep> steps) {
        if (steps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return SessionSql.rows("insert into message_journey (org_id, message_id, ref, kind, detail, at)"
                + " select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])"
                + " on conflict do nothing",
                steps.stream().map(NewStep::orgId).toArray(UUID[]::new), steps.stream().map(NewStep::messageId).toArray(UUID[]::new),
                steps.stream().map(NewStep::ref).toArray(String[]::new), steps.stream().map(NewStep::kind).toArray(String[]::new),
                steps.stream().map(NewStep::detail).toArray(String[]::new),
                steps.stream().map(NewStep::at).toArray(OffsetDateTime[]::new)).replaceWithVoid();
    }

    @Override
    public Uni<Void> keepEnds(List<StepEnd> ends) {
        if (ends.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return SessionSql.rows("insert into message_journey (org_id, message_id, ref, kind, detail, at)"
                + " select j.org_id, j.message_id, e.ref || '/end', e.kind, e.detail, e.at"
                + " from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) as e(org_id, ref, kind, detail, at)"
                + " join message_journey j on j.org_id = e.org_id and j.ref = e.ref on conflict do nothing",
                ends.stream().map(StepEnd::orgId).toArray(UUID[]::new), ends.stream().map(StepEnd::ref).toArray(String[]::new),
                ends.stream().map(StepEnd::kind).toArray(String[]::new), ends.stream().map(StepEnd::detail).toArray(String[]::new),
                ends.stream().map(StepEnd::at).toArray(OffsetDateTime[]::new)).replaceWithVoid();
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
