package br.ft9.common.inbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

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
    private final Map<String, Together<?>> together = new HashMap<>();

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
     * As {@link #once(String, Class, Function)}, and a batch consumer ({@link #consume(KafkaRecordBatch)}) gives the effect
     * all of a batch's new events of this type at once, in one transaction with the records of their ids: for effects
     * that are set-based (counting), where one statement for many events is the point.
     */
    public <T> EventRoutes onceTogether(String type, Class<T> reading, Function<List<T>, Uni<Void>> effect) {
        once(type, reading, data -> effect.apply(List.of(data)));
        together.put(type, new Together<>(reading, effect));
        return this;
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

    /**
     * A batch of records: applied together when every routed event in it is of a type routed {@link #onceTogether} and
     * readable, else one at a time through {@link #consume(Message)}; acknowledged after its transaction.
     */
    public Uni<Void> consume(KafkaRecordBatch<?, String> batch) {
        return CloudEventInbox.consumeBatch(consumer, batch, () -> applyTogether(batch.getRecords()), this::consume);
    }

    private Uni<Void> applyTogether(List<? extends Message<String>> records) {
        Map<Together<?>, List<Read<?>>> byRoute = new LinkedHashMap<>();
        List<Delivered> events = new ArrayList<>();
        for (Message<String> record : records) {
            IncomingCloudEventMetadata<?> ce = record.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
            if (ce == null || !routes.containsKey(ce.getType())) {
                continue; // acknowledged with the batch and ignored, as one at a time
            }
            Together<?> route = together.get(ce.getType());
            if (route == null) {
                return Uni.createFrom().failure(new IllegalArgumentException(ce.getType() + " is not applied together"));
            }
            Delivered event = Delivered.of(ce);
            Read<?> read;
            try {
                read = route.read(json, event, record.getPayload());
            } catch (IllegalArgumentException unreadable) {
                return Uni.createFrom().failure(unreadable);
            }
            byRoute.computeIfAbsent(route, r -> new ArrayList<>()).add(read);
            events.add(event);
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> processed.firstDeliveries(consumer, events).chain(fresh -> {
            Set<String> taken = new HashSet<>();
            return Multi.createFrom().iterable(byRoute.entrySet()).onItem().transformToUniAndConcatenate(entry -> {
                List<Read<?>> news = entry.getValue().stream()
                        .filter(read -> fresh.contains(read.event().id()) && taken.add(read.event().id())).toList();
                return news.isEmpty() ? Uni.createFrom().voidItem() : entry.getKey().apply(news);
            }).collect().last().replaceWithVoid();
        }));
    }

    /** One event of a batch, read for its route. */
    private record Read<T>(Delivered event, T data) {
    }

    private record Together<T>(Class<T> reading, Function<List<T>, Uni<Void>> effect) {
        Read<T> read(ObjectMapper json, Delivered event, String payload) {
            return new Read<>(event, CloudEventInbox.read(json, payload, reading));
        }

        @SuppressWarnings("unchecked")
        Uni<Void> apply(List<Read<?>> reads) {
            return effect.apply(reads.stream().map(read -> (T) read.data()).toList());
        }
    }

    private record Route<T>(Class<T> reading, BiFunction<Delivered, T, Uni<Void>> handler) {
        Uni<Void> apply(ObjectMapper json, Delivered event, String payload) {
            return CloudEventInbox.data(json, payload, reading).chain(data -> handler.apply(event, data));
        }
    }
}
