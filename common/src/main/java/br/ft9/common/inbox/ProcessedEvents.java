package br.ft9.common.inbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.sql.SessionSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Remembers, in the service's own schema and in the consumer's transaction, which events a consumer
 * applied, so that a redelivered event changes nothing (Kafka delivers at least once).
 */
@ApplicationScoped
public class ProcessedEvents {

    /**
     * True the first time this consumer sees the event id; false for a redelivery. Call inside a transaction. Through
     * {@link SessionSql}: it runs for every event every consumer reads.
     */
    public Uni<Boolean> firstDelivery(String consumer, String eventId, String eventType) {
        return SessionSql.update("insert into processed_event (consumer, event_id, event_type) values ($1, $2, $3)"
                + " on conflict do nothing", consumer, eventId, eventType)
                .map(inserted -> inserted == 1);
    }

    /**
     * The events of a batch this consumer sees for the first time (their ids), each recorded in one statement; call
     * inside a transaction. An id given twice in the batch is recorded, and answered, once. Through {@link SessionSql}:
     * it runs for every batch of every batch consumer, and a native select never hits Hibernate's query-plan cache.
     */
    public Uni<Set<String>> firstDeliveries(String consumer, List<Delivered> events) {
        String[] ids = events.stream().map(Delivered::id).toArray(String[]::new);
        String[] types = events.stream().map(Delivered::type).toArray(String[]::new);
        return SessionSql.rows("insert into processed_event (consumer, event_id, event_type) select $1, e.id, e.type"
                + " from unnest($2::text[], $3::text[]) as e(id, type) on conflict do nothing returning event_id", consumer, ids, types)
                .map(rows -> rows.stream().map(row -> (String) row[0]).toList())
                .map(HashSet::new);
    }

    /** Applies the effect in one transaction with the record of the event, unless it was applied before. */
    public Uni<Void> applyOnce(String consumer, String eventId, String eventType, Supplier<Uni<Void>> effect) {
        return Panache.withTransaction(() -> firstDelivery(consumer, eventId, eventType)
                .chain(first -> first ? effect.get() : Uni.createFrom().voidItem()));
    }
}
