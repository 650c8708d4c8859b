package br.ft9.common.inbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.outbox.Outbox;
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
    private final Map<String, Alone<?>> alone = new HashMap<>();
    private final Map<String, WorkedOut<?>> workedOut = new HashMap<>();
    private final Map<String, TracedTogether<?>> tracedTogether = new HashMap<>();

    private EventRoutes(String consumer, ProcessedEvents processed, ObjectMapper json) {
        this.consumer = consumer;
        this.processed = processed;
        this.json = json;
    }

    /** Routes whose effects are applied once per event id, recorded under the consumer's name. */
    public static EventRoutes of(String consumer, ProcessedEvents processed, ObjectMapper json) {
        return new EventRoutes(consumer, processed, json);
    }

    /**
     * Routes whose handlers are idempotent by themselves (by a command id, say): no event record is kept; the consumer's
     * name is for its metrics.
     */
    public static EventRoutes untracked(String consumer, ObjectMapper json) {
        return new EventRoutes(consumer, null, json);
    }

    /** The effect is applied once per event id, in one transaction with the record of it. */
    public <T> EventRoutes once(String type, Class<T> reading, Function<T, Uni<Void>> effect) {
        return once(List.of(type), reading, (event, data) -> effect.apply(data));
    }

    /** As {@link #once(String, Class, Function)}, for several types read alike, the effect seeing the event too. */
    public <T> EventRoutes once(Collection<String> types, Class<T> reading, BiFunction<Delivered, T, Uni<Void>> effect) {
        if (processed == null) {
            throw new IllegalStateException("untracked routes keep no record of events: use on()");
        }
        on(types, reading, (event, data) -> applyOnce(event, () -> effect.apply(event, data)));
        types.forEach(type -> alone.put(type, new Alone<>(reading, effect)));
        return this;
    }

    /**
     * As {@link #once(String, Class, Function)}, and a batch consumer ({@link #consume(KafkaRecordBatch)}) gives the effect
     * all of a batch's new events of this type at once, in one transaction with the records of their ids: for effects
     * that are set-based (counting), where one statement for many events is the point.
     */
    public <T> EventRoutes onceTogether(String type, Class<T> reading, Function<List<T>, Uni<Void>> effect) {
        return onceTogether(List.of(type), reading, arrivals -> effect.apply(arrivals.stream().map(Arrival::data).toList()));
    }

    /** As {@link #onceTogether(String, Class, Function)} for several types read alike, the effect seeing the events too. */
    public <T> EventRoutes onceTogether(Collection<String> types, Class<T> reading, Function<List<Arrival<T>>, Uni<Void>> effect) {
        once(types, reading, (event, data) -> effect.apply(List.of(new Arrival<>(event, data))));
        Together<T> route = new Together<>(reading, effect);
        types.forEach(type -> together.put(type, route));
        return this;
    }

    /** An event of a batch and its data, as an effect applied together sees them. */
    public record Arrival<T>(Delivered event, T data) {
    }

    /**
     * For events worked out before any transaction (a model asked, say) whose outcome is often nothing to write but the
     * record of the id. The handler either applies the event itself (through {@link #applyOnce}) and says
     * {@link Handled.Applied}, or says {@link Handled.IdOnly}, and the id is recorded for it: alone, in its own
     * transaction; from a batch consumer, with the batch's other such ids in one transaction at the batch's end.
     */
    public <T> EventRoutes onceWorkedOut(String type, Class<T> reading, BiFunction<Delivered, T, Uni<Handled>> handler) {
        if (processed == null) {
            throw new IllegalStateException("untracked routes keep no record of events: use on()");
        }
        on(List.of(type), reading, (event, data) -> handler.apply(event, data).chain(handled -> handled instanceof Handled.IdOnly only
                ? Panache.withTransaction(() -> firstDelivery(event)).invoke(first -> {
                    if (first) {
                        only.recorded().run();
                    }
                }).replaceWithVoid()
                : Uni.createFrom().voidItem()));
        workedOut.put(type, new WorkedOut<>(reading, handler));
        return this;
    }

    /** What an {@link #onceWorkedOut} handler did with its event. */
    public sealed interface Handled {

        /** Applied by the handler, in its own once-only transaction (or seen applied before): nothing left to do. */
        record Applied() implements Handled {
        }

        /** Nothing to write but the record of its id, left to the routes; {@code recorded} runs once it is recorded first. */
        record IdOnly(Runnable recorded) implements Handled {
        }

        static Handled applied() {
            return new Applied();
        }

        static Handled idOnly(Runnable recorded) {
            return new IdOnly(recorded);
        }
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

    /**
     * As {@link #on}, the handler idempotent by itself, and a batch consumer ({@link #consume(KafkaRecordBatch)}) hands it
     * all of a batch's events of this type at once, in the batch's order, each with its record's trace to run its work in
     * (the calls it makes continue it): for handlers that do a batch's work together in transactions of their own (the
     * gateway's send commands). A batch holding a type routed otherwise is applied one at a time.
     */
    public <T> EventRoutes onTogether(String type, Class<T> reading, Function<List<Traced<T>>, Uni<Void>> handler) {
        on(List.of(type), reading, (event, data) -> handler.apply(List.of(new Traced<>(event, data, Trace.CURRENT))));
        tracedTogether.put(type, new TracedTogether<>(reading, handler));
        return this;
    }

    /** An event of a batch, its data and its record's trace, as a handler routed {@link #onTogether} sees them. */
    public record Traced<T>(Delivered event, T data, Trace trace) {
    }

    /** Runs work in a record's trace. */
    public interface Trace {

        /** The trace already current: an event applied alone runs in its record's trace from the start. */
        Trace CURRENT = new Trace() {
            @Override
            public <R> Uni<R> run(Supplier<Uni<R>> work) {
                return Uni.createFrom().deferred(work::get);
            }
        };

        <R> Uni<R> run(Supplier<Uni<R>> work);

        /** The trace of a record of a batch. */
        static Trace of(Message<?> record) {
            return new Trace() {
                @Override
                public <R> Uni<R> run(Supplier<Uni<R>> work) {
                    return CloudEventInbox.inTrace(record, work);
                }
            };
        }
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
     * A batch of records, in one transaction with the records of their ids: runs of events routed {@link #onceTogether}
     * applied together, events routed {@link #once} one by one between them, in the batch's order. A batch holding an
     * event routed {@link #onceWorkedOut} is applied in turn (below). A batch holding an event routed {@link #on} (its
     * handler keeps its own transactions) or an unreadable one is applied one at a time through {@link #consume(Message)}.
     * Acknowledged after its transaction. Routes {@link #onTogether} are handed their events instead ({@link #handOver}).
     */
    public Uni<Void> consume(KafkaRecordBatch<?, String> batch) {
        List<? extends Message<String>> records = batch.getRecords();
        Supplier<Uni<Void>> apply = !tracedTogether.isEmpty() ? () -> handOver(records)
                : holdsWorkedOut(records) ? () -> applyInTurn(records) : () -> applyTogether(records);
        return CloudEventInbox.consumeBatch(consumer, batch, apply, this::consume);
    }

    /** A record's CloudEvent attributes when this consumer routes its type; null for any other record. */
    private IncomingCloudEventMetadata<?> routed(Message<String> record) {
        IncomingCloudEventMetadata<?> ce = record.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
        return ce != null && routes.containsKey(ce.getType()) ? ce : null;
    }

    private boolean holdsWorkedOut(List<? extends Message<String>> records) {
        if (workedOut.isEmpty()) {
            return false;
        }
        for (Message<String> record : records) {
            IncomingCloudEventMetadata<?> ce = record.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
            if (ce != null && workedOut.containsKey(ce.getType())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A batch holding events routed {@link #onceWorkedOut}: every event in the batch's order, as it would be alone
     * (events routed {@link #once} each in its own transaction), except that the ids of those worked out to nothing but
     * their record are recorded together at the end, in one transaction. Under load most of them are (messages an
     * automation answers), and their transaction a message was most of their cost.
     */
    private Uni<Void> applyInTurn(List<? extends Message<String>> records) {
        List<Arrival<Handled.IdOnly>> idOnly = new ArrayList<>();
        return Multi.createFrom().iterable(records).onItem().transformToUniAndConcatenate(record -> {
            IncomingCloudEventMetadata<?> ce = routed(record);
            if (ce == null) {
                return Uni.createFrom().voidItem(); // acknowledged with the batch and ignored, as one at a time
            }
            Delivered event = Delivered.of(ce);
            WorkedOut<?> route = workedOut.get(ce.getType());
            if (route != null) {
                // In the record's trace, as alone: the reply it writes continues the message's trace.
                return CloudEventInbox.inTrace(record, () -> route.handle(json, event, record.getPayload())).invoke(handled -> {
                    if (handled instanceof Handled.IdOnly only) {
                        idOnly.add(new Arrival<>(event, only));
                    }
                }).replaceWithVoid();
            }
            Alone<?> single = alone.get(ce.getType());
            if (single == null || together.containsKey(ce.getType())) {
                return Uni.createFrom().failure(new IllegalArgumentException(ce.getType() + " is not applied in turn"));
            }
            try {
                Single step = single.read(json, event, record.getPayload());
                return CloudEventInbox.inTrace(record, () -> applyOnce(event, () -> step.apply(arrival -> true)));
            } catch (IllegalArgumentException unreadable) {
                return Uni.createFrom().failure(unreadable);
            }
        }).collect().asList().chain(() -> idOnly.isEmpty() ? Uni.createFrom().voidItem()
                : Panache.withTransaction(() -> processed.firstDeliveries(consumer, idOnly.stream().map(Arrival::event).toList()))
                        .invoke(fresh -> {
                            Set<String> taken = new HashSet<>();
                            idOnly.stream().filter(only -> fresh.contains(only.event().id()) && taken.add(only.event().id()))
                                    .forEach(only -> only.data().recorded().run());
                        }).replaceWithVoid());
    }

    private Uni<Void> applyTogether(List<? extends Message<String>> records) {
        List<Step> steps = new ArrayList<>();
        List<Delivered> events = new ArrayList<>();
        for (Message<String> record : records) {
            IncomingCloudEventMetadata<?> ce = routed(record);
            if (ce == null) {
                continue; // acknowledged with the batch and ignored, as one at a time
            }
            Together<?> route = together.get(ce.getType());
            Alone<?> single = alone.get(ce.getType());
            if (route == null && single == null) {
                return Uni.createFrom().failure(new IllegalArgumentException(ce.getType() + " keeps its own transactions"));
            }
            Delivered event = Delivered.of(ce);
            try {
                if (route == null) {
                    steps.add(single.read(json, event, record.getPayload()));
                } else if (!steps.isEmpty() && steps.get(steps.size() - 1) instanceof Run run && run.route() == route) {
                    run.arrivals().add(route.read(json, event, record.getPayload()));
                } else {
                    steps.add(new Run(route, new ArrayList<>(List.of(route.read(json, event, record.getPayload())))));
                }
            } catch (IllegalArgumentException unreadable) {
                return Uni.createFrom().failure(unreadable);
            }
            events.add(event);
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // The batch's events to publish go into the outbox by one insert at the end of its transaction.
        return Panache.withTransaction(() -> Outbox.together(() -> processed.firstDeliveries(consumer, events).chain(fresh -> {
            Set<String> taken = new HashSet<>();
            return Multi.createFrom().iterable(steps).onItem()
                    .transformToUniAndConcatenate(step -> step.apply(arrival -> fresh.contains(arrival.event().id())
                            && taken.add(arrival.event().id())))
                    .collect().last().replaceWithVoid();
        })));
    }

    /**
     * A batch for routes {@link #onTogether}: each run of events of one route handed to its handler at once, in the batch's
     * order, each event with its record's trace. An event of a type routed otherwise, or unreadable, fails the batch, which
     * is then applied one at a time.
     */
    private Uni<Void> handOver(List<? extends Message<String>> records) {
        List<TracedRun> runs = new ArrayList<>();
        for (Message<String> record : records) {
            IncomingCloudEventMetadata<?> ce = routed(record);
            if (ce == null) {
                continue; // acknowledged with the batch and ignored, as one at a time
            }
            TracedTogether<?> route = tracedTogether.get(ce.getType());
            if (route == null) {
                return Uni.createFrom().failure(new IllegalArgumentException(ce.getType() + " is not handled together"));
            }
            Traced<?> arrival;
            try {
                arrival = route.read(json, Delivered.of(ce), record);
            } catch (IllegalArgumentException unreadable) {
                return Uni.createFrom().failure(unreadable);
            }
            if (!runs.isEmpty() && runs.get(runs.size() - 1).route() == route) {
                runs.get(runs.size() - 1).arrivals().add(arrival);
            } else {
                runs.add(new TracedRun(route, new ArrayList<>(List.of(arrival))));
            }
        }
        return Multi.createFrom().iterable(runs).onItem().transformToUniAndConcatenate(TracedRun::apply)
                .collect().last().replaceWithVoid();
    }

    private record TracedRun(TracedTogether<?> route, List<Traced<?>> arrivals) {
        Uni<Void> apply() {
            return route.apply(arrivals);
        }
    }

    /** A type routed {@link #onTogether}: its handler, which a batch hands its events at once. */
    private record TracedTogether<T>(Class<T> reading, Function<List<Traced<T>>, Uni<Void>> handler) {
        Traced<?> read(ObjectMapper json, Delivered event, Message<String> record) {
            return new Traced<>(event, CloudEventInbox.read(json, record.getPayload(), reading), Trace.of(record));
        }

        @SuppressWarnings("unchecked")
        Uni<Void> apply(List<Traced<?>> arrivals) {
            return handler.apply(arrivals.stream().map(arrival -> (Traced<T>) arrival).toList());
        }
    }

    /** What a batch does, in its order: a run of events applied together, or one event applied alone. */
    private sealed interface Step permits Run, Single {
        /** Applies the step's events that {@code fresh} lets through (new to this consumer, once in the batch). */
        Uni<Void> apply(Predicate<Arrival<?>> fresh);
    }

    private record Run(Together<?> route, List<Arrival<?>> arrivals) implements Step {
        @Override
        public Uni<Void> apply(Predicate<Arrival<?>> fresh) {
            List<Arrival<?>> news = arrivals.stream().filter(fresh).toList();
            return news.isEmpty() ? Uni.createFrom().voidItem() : route.apply(news);
        }
    }

    private record Single(Alone<?> route, Arrival<?> arrival) implements Step {
        @Override
        public Uni<Void> apply(Predicate<Arrival<?>> fresh) {
            return fresh.test(arrival) ? route.apply(arrival) : Uni.createFrom().voidItem();
        }
    }

    private record Together<T>(Class<T> reading, Function<List<Arrival<T>>, Uni<Void>> effect) {
        Arrival<?> read(ObjectMapper json, Delivered event, String payload) {
            return new Arrival<>(event, CloudEventInbox.read(json, payload, reading));
        }

        @SuppressWarnings("unchecked")
        Uni<Void> apply(List<Arrival<?>> arrivals) {
            return effect.apply(arrivals.stream().map(arrival -> (Arrival<T>) arrival).toList());
        }
    }

    /** A type routed {@link #once}: its effect, which a batch applies in its own transaction. */
    private record Alone<T>(Class<T> reading, BiFunction<Delivered, T, Uni<Void>> effect) {
        Single read(ObjectMapper json, Delivered event, String payload) {
            return new Single(this, new Arrival<>(event, CloudEventInbox.read(json, payload, reading)));
        }

        @SuppressWarnings("unchecked")
        Uni<Void> apply(Arrival<?> arrival) {
            return effect.apply(arrival.event(), (T) arrival.data());
        }
    }

    /** A type routed {@link #onceWorkedOut}: its handler, which a batch calls in turn. */
    private record WorkedOut<T>(Class<T> reading, BiFunction<Delivered, T, Uni<Handled>> handler) {
        Uni<Handled> handle(ObjectMapper json, Delivered event, String payload) {
            return CloudEventInbox.data(json, payload, reading).chain(data -> handler.apply(event, data));
        }
    }

    private record Route<T>(Class<T> reading, BiFunction<Delivered, T, Uni<Void>> handler) {
        Uni<Void> apply(ObjectMapper json, Delivered event, String payload) {
            return CloudEventInbox.data(json, payload, reading).chain(data -> handler.apply(event, data));
        }
    }
}
