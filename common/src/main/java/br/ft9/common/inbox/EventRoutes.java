package br.ft9.common.inbox;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * One consumer's routes: each CloudEvent type it reads, the record it reads the data as, and the use case it goes to;
 * types it does not name are acknowledged and ignored. {@link #once} keeps the once-only bookkeeping (the effect in one
 * transaction with the record of the event id), so an event adapter says only what an event means.
 */
public final class EventRoutes {

    private final String consumer;
    private final ProcessedEvents processed;
    private final ObjectMapper json;
    private final Map<String, Route<?>> routes = new HashMap<>();

    private EventRoutes(String consumer, ProcessedEvents processed, ObjectMapper json) {
        this.consumer = consumer;
        this.processed = processed;
        this.json = json;
    }

    /** Routes whose effects are applied once per event id, recorded under the consumer's name. */
    public static EventRoutes of(String consumer, ProcessedEvents processed, ObjectMapper json) {
        return new EventRoutes(consumer, processed, json);
    }

    /** Routes whose handlers are idempotent by themselves (by a command id, say): no event record is kept. */
    public static EventRoutes untracked(ObjectMapper json) {
        return new EventRoutes(null, null, json);
    }

    /** The effect is applied once per event id, in one transaction with the record of it. */
    public <T> EventRoutes once(String type, Class<T> reading, Function<T, Uni<Void>> effect) {
        return once(List.of(type), reading, (event, data) -> effect.apply(data));
    }

    /** As {@link #once(String, Class, Function)}, for several types read alike, the effect seeing the event too. */
    public <T> EventRoutes once(Collection<String> types, Class<T> reading, BiFunction<Delivered, T, Uni<Void>> effect) {
        if (consumer == null) {
            throw new IllegalStateException("untracked routes keep no record of events: use on()");
        }
        return on(types, reading, (event, data) -> applyOnce(event, () -> effect.apply(event, data)));
    }

    /**
     * The handler gets the event and keeps its own bookkeeping, for effects that must happen outside the record's
     * transaction (tokens revoked in Redis first, a mail after the commit), calling {@link #applyOnce} for its part.
     */
    public <T> EventRoutes on(String type, Class<T> reading, BiFunction<Delivered, T, Uni<Void>> handler) {
        return on(List.of(type), reading, handler);
    }

    public <T> EventRoutes on(Collection<String> types, Class<T> reading, BiFunction<Delivered, T, Uni<Void>> handler) {
        for (String type : types) {
            if (routes.putIfAbsent(type, new Route<>(reading, handler)) != null) {
                throw new IllegalStateException(type + " is routed twice");
            }
        }
        return this;
    }

    /** Applies the effect in one transaction with the record of the event, unless this consumer applied it before. */
    public Uni<Void> applyOnce(Delivered event, Supplier<Uni<Void>> effect) {
        return processed.applyOnce(consumer, event.id(), event.type(), effect);
    }

    /** True the first time this consumer sees the event; call inside a transaction. */
    public Uni<Boolean> firstDelivery(Delivered event) {
        return processed.firstDelivery(consumer, event.id(), event.type());
    }

    /** The incoming record through its route, acknowledged after the effect, dead-lettered when it cannot be applied. */
    public Uni<Void> consume(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> {
            Route<?> route = routes.get(ce.getType());
            return route == null ? Uni.createFrom().voidItem() : route.apply(json, Delivered.of(ce), payload);
        });
    }

    private record Route<T>(Class<T> reading, BiFunction<Delivered, T, Uni<Void>> handler) {
        Uni<Void> apply(ObjectMapper json, Delivered event, String payload) {
            return CloudEventInbox.data(json, payload, reading).chain(data -> handler.apply(event, data));
        }
    }
}
