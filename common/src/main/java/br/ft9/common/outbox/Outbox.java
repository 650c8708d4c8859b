package br.ft9.common.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * Writes an event into the service's outbox in the caller's transaction, so that the event exists
 * if and only if the change that caused it was committed. {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    /** Appends an event keyed by its organisation. Call inside {@code @WithTransaction}. */
    public Uni<UUID> append(String topic, String type, UUID orgId, Object data) {
        return append(topic, type, orgId, orgId.toString(), data);
    }

    /** Appends an event with an explicit record key (organisation + contact for conversation traffic). */
    public Uni<UUID> append(String topic, String type, UUID orgId, String recordKey, Object data) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.orgId = orgId;
        event.topic = topic;
        event.recordKey = recordKey;
        event.type = type;
        event.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        event.traceParent = traceParent();
        try {
            event.payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event data of " + type + " is not serialisable", e));
        }
        return event.persist().replaceWith(event.id);
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
