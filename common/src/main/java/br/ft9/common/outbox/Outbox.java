package br.ft9.common.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.sql.HeldWrites;
import br.ft9.common.sql.SessionSql;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * Writes an event into the service's outbox in the caller's transaction, so that the event exists
 * if and only if the change that caused it was committed. {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class Outbox {

    /** The rows appended inside {@link #together}, not yet inserted, in the context of the work. */
    private static final HeldWrites<List<Pending>> HELD = new HeldWrites<>(Outbox.class.getName() + ".together",
            ArrayList::new, held -> held.isEmpty() ? Uni.createFrom().voidItem() : insert(held));
    private static final String INSERT = "insert into event_outbox (id, org_id, topic, record_key, type, payload, created_at,"
            + " trace_parent)";

    /** An event appended inside {@link #together}, waiting for the one insert of them all. */
    private record Pending(UUID id, UUID orgId, String topic, String recordKey, String type, String payload, OffsetDateTime at,
            String traceParent) {
    }

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    /** Appends an event keyed by its organisation. Call inside {@code @WithTransaction}. */
    public Uni<UUID> append(String topic, String type, UUID orgId, Object data) {
        return append(topic, type, orgId, orgId.toString(), data);
    }

    /**
     * Appends an event with an explicit record key (organisation + contact for conversation traffic). Through
     * {@link SessionSql}, not as an entity: every message path appends, and a persisted entity costs Hibernate's
     * persist and flush machinery for one plain insert.
     */
    public Uni<UUID> append(String topic, String type, UUID orgId, String recordKey, Object data) {
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event data of " + type + " is not serialisable", e));
        }
        // When subscribed, as a statement would run: a caller may build the Uni and never subscribe it.
        return Uni.createFrom().deferred(() -> {
            // The system's time, not the injected clock: created_at orders the relay (per-key order), so a test moving
            // the clock forward and back must not let a later event overtake an earlier one.
            Pending event = new Pending(id, orgId, topic, recordKey, type, payload, OffsetDateTime.now(ZoneOffset.UTC),
                    traceParent());
            List<Pending> held = HELD.current();
            if (held != null) {
                held.add(event);
                return Uni.createFrom().item(id);
            }
            return insert(List.of(event)).replaceWith(id);
        });
    }

    /**
     * Runs {@code work} (inside the caller's transaction) with the events it appends held back and written by one
     * insert when it has succeeded, still in that transaction: a batch consumer's transaction appends one event or more
     * per record, and one statement for them all spares a round trip to the database each. Nothing the work does may
     * read the outbox back. Inside another {@code together}, the outer one writes them.
     */
    public static <T> Uni<T> together(Supplier<Uni<T>> work) {
        return HELD.around(work);
    }

    /** One statement for one event or many (in their order of appending, each with its own time). */
    private static Uni<Integer> insert(List<Pending> events) {
        if (events.size() == 1) {
            Pending e = events.get(0);
            return SessionSql.update(INSERT + " values ($1, $2, $3, $4, $5, $6, $7, $8)", e.id(), e.orgId(), e.topic(),
                    e.recordKey(), e.type(), e.payload(), e.at(), e.traceParent());
        }
        return SessionSql.update(INSERT + " select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],"
                + " $6::text[], $7::timestamptz[], $8::text[])",
                events.stream().map(Pending::id).toArray(UUID[]::new),
                events.stream().map(Pending::orgId).toArray(UUID[]::new),
                events.stream().map(Pending::topic).toArray(String[]::new),
                events.stream().map(Pending::recordKey).toArray(String[]::new),
                events.stream().map(Pending::type).toArray(String[]::new),
                events.stream().map(Pending::payload).toArray(String[]::new),
                events.stream().map(Pending::at).toArray(OffsetDateTime[]::new),
                events.stream().map(Pending::traceParent).toArray(String[]::new));
    }

    /**
     * Deletes the organisation's published events whose data mentions any of these texts (a contact's id, their
     * number), so that an erased contact leaves no copy in the outbox; events not yet published stay (they still have to
     * reach their consumers, which erase after them). In the caller's transaction; answers how many were deleted.
     */
    public Uni<Integer> forgetPublished(UUID orgId, String... mentions) {
        java.util.List<String> texts = java.util.Arrays.stream(mentions).filter(t -> t != null && !t.isBlank()).toList();
        if (texts.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        StringBuilder sql = new StringBuilder("delete from event_outbox where org_id = $1 and published_at is not null and (");
        for (int i = 0; i < texts.size(); i++) {
            sql.append(i == 0 ? "" : " or ").append("strpos(payload, $").append(i + 2).append(") > 0");
        }
        sql.append(')');
        Object[] parameters = new Object[texts.size() + 1];
        parameters[0] = orgId;
        for (int i = 0; i < texts.size(); i++) {
            parameters[i + 1] = texts.get(i);
        }
        return SessionSql.update(sql.toString(), parameters);
    }

    /**
     * The W3C {@code traceparent} of the work writing the event (a webhook, a consumed event), kept with the event so
     * that the relay, which publishes later on its own, continues that trace; null when nothing is traced.
     */
    static String traceParent() {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }
}
