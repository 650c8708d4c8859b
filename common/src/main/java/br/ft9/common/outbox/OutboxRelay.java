package br.ft9.common.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import br.ft9.common.scheduling.FastPoll;
import br.ft9.common.vertx.Draining;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes committed outbox events to Kafka as CloudEvents and marks them published once the
 * broker acknowledged them. Rows are locked with {@code skip locked}, so several replicas can relay
 * side by side; a crash between publish and mark re-publishes, which consumers absorb by event id. An event too large
 * for the broker is set aside to its topic's dead-letter topic (and counted) instead of blocking every event after it.
 * Published events are kept a week ({@code ft9.outbox.keep-published}) for whoever investigates, then deleted: their
 * data holds contacts' words, which must not outlive the organisation's retention.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String CHANNEL = "ft9-outbox";
    /** What each schema's event_outbox trigger NOTIFYs, with the schema as payload. */
    static final String NOTIFY_CHANNEL = "ft9_outbox";

    private final Pool pool;
    // Field injection: SmallRye Reactive Messaging wires emitters only at injection fields.
    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<String> emitter;
    private final URI source;
    private final int batchSize;
    private final int maxEventBytes;
    private final Counter setAside;

    private final Vertx vertx;
    private final Duration pollInterval;
    private final Duration initialDelay;
    private final Duration keepPublished;
    private final Duration pruneEvery;
    private FastPoll poll;
    private long pruneTimer = -1;
    private final String schema;
    private final boolean listen;
    private final br.ft9.common.scheduling.DatabaseListening database;

    public OutboxRelay(Pool pool, Vertx vertx, MeterRegistry meters,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "ft9.outbox.batch-size", defaultValue = "200") int batchSize,
            @ConfigProperty(name = "ft9.outbox.poll-interval", defaultValue = "PT1S") Duration pollInterval,
            @ConfigProperty(name = "ft9.outbox.initial-delay", defaultValue = "2s") Duration initialDelay,
            @ConfigProperty(name = "ft9.outbox.max-event-bytes", defaultValue = "900000") int maxEventBytes,
            @ConfigProperty(name = "ft9.outbox.keep-published", defaultValue = "P7D") Duration keepPublished,
            @ConfigProperty(name = "ft9.outbox.prune-every", defaultValue = "PT1H") Duration pruneEvery,
            @ConfigProperty(name = "ft9.outbox.listen", defaultValue = "true") boolean listen,
            @ConfigProperty(name = "ft9.schema") String schema, br.ft9.common.scheduling.DatabaseListening database) {
        this.listen = listen;
        this.schema = schema;
        this.database = database;
        this.keepPublished = keepPublished;
        this.pruneEvery = pruneEvery;
        this.maxEventBytes = maxEventBytes;
        this.setAside = Counter.builder("ft9_outbox_set_aside").description("outbox events too large for the broker, set aside"
                + " to their topic's dead-letter topic instead of blocking the outbox").register(meters);
        this.pool = pool;
        this.vertx = vertx;
        this.pollInterval = pollInterval;
        this.initialDelay = initialDelay;
        this.source = URI.create(service);
        this.batchSize = batchSize;
    }

    // The delay lets Reactive Messaging wire the emitter before the first run; nothing starts once the application
    // stops, when the pool is already closing.
    void start(@Observes StartupEvent started) {
        poll = FastPoll.every(vertx, "outbox relay", initialDelay, pollInterval, this::relayPending);
        if (listen) {
            // Each schema's outbox trigger NOTIFYs ft9_outbox with its schema when a transaction that wrote events commits
            // (never for one rolled back): the relay publishes at once instead of at its next poll, which stays as the
            // safety net (a notification lost while the listening connection reconnects is picked up by it).
            database.listen(io.vertx.mutiny.core.Vertx.newInstance(vertx), "outbox relay", "it polls",
                    subscriber -> subscriber.channel(NOTIFY_CHANNEL).handler(payload -> {
                        if (schema.equals(payload)) {
                            poll.nudge();
                        }
                    }));
        }
        pruneTimer = vertx.setPeriodic(pruneEvery.toMillis(), id -> prune().subscribe().with(pruned -> {
        }, e -> LOG.warnf("outbox pruning failed, tried again later: %s", e.getMessage())));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (pruneTimer >= 0) {
            vertx.cancelTimer(pruneTimer);
        }
        if (poll != null) {
            Draining.await("outbox relay", poll.stop());
        }
    }

    /** Deletes events published longer ago than kept, a batch at a time; answers how many. Every replica may run it. */
    public Uni<Integer> prune() {
        return Multi.createBy().repeating().uni(() -> pool.preparedQuery("delete from event_outbox where id in (select id"
                + " from event_outbox where published_at < now() - make_interval(secs => $1) limit 5000 for update skip locked)")
                .execute(Tuple.of((double) keepPublished.toSeconds())).map(rows -> rows.rowCount()))
                .whilst(deleted -> deleted == 5000)
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    Uni<Void> relayPending() {
        // Drains: a full batch is followed at once by the next, so a burst is not held to one batch per poll.
        return Multi.createBy().repeating().uni(this::relay).whilst(published -> published == batchSize)
                .collect().last()
                .onFailure().invoke(e -> LOG.warnf("outbox relay failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Publishes one batch of pending events; answers how many were published. */
    public Uni<Integer> relay() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select id, org_id, topic, record_key, type, payload, created_at, trace_parent from event_outbox"
                        + " where published_at is null order by created_at limit $1 for update skip locked")
                .execute(Tuple.of(batchSize))
                .chain(rows -> publishAll(connection, rows)));
    }

    private Uni<Integer> publishAll(SqlConnection connection, Iterable<Row> rows) {
        List<Uni<Void>> sends = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (Row row : rows) {
            ids.add(row.getUUID("id"));
            int bytes = row.getString("payload").getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxEventBytes) {
                // The broker would refuse it for ever and hold back every event behind it: it goes aside instead.
                LOG.errorf("outbox event %s (%s) is %d bytes, over the %d the broker takes; set aside to %s.dlq",
                        row.getUUID("id"), row.getString("type"), bytes, maxEventBytes, row.getString("topic"));
                setAside.increment();
                sends.add(emitter.sendMessage(setAsideMessage(row, bytes)));
            } else {
                sends.add(emitter.sendMessage(toMessage(row)));
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Uni.join().all(sends).andFailFast()
                .chain(() -> connection.preparedQuery("update event_outbox set published_at = now() where id = any($1)")
                        .execute(Tuple.of(ids.toArray(UUID[]::new))))
                .replaceWith(ids.size());
    }

    /**
     * What stands for an event too large to publish: on its topic's dead-letter topic, the event's id, type, topic,
     * key and size, so that an operator finds the row (kept in the outbox) and the alert on dead letters fires.
     */
    private Message<String> setAsideMessage(Row row, int bytes) {
        String orgId = row.getUUID("org_id").toString();
        String data = io.vertx.core.json.JsonObject.mapFrom(new SetAsideV1(row.getUUID("id").toString(), row.getString("type"),
                row.getString("topic"), orgId, bytes, maxEventBytes, "larger than the broker takes")).encode();
        OutgoingCloudEventMetadata<String> ce = OutgoingCloudEventMetadata.<String>builder()
                .withId(UUID.randomUUID().toString())
                .withType(SET_ASIDE)
                .withSource(source)
                .withSubject(orgId)
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic") + ".dlq")
                .withKey(row.getString("record_key"))
                .build();
        return Message.of(data, Metadata.of(ce, kafka));
    }

    /** The type of the record that stands for an event set aside. */
    public static final String SET_ASIDE = "ft9.outbox.event.set_aside.v1";

    /** Data of {@code ft9.outbox.event.set_aside.v1}: which event, how large, and the limit it went over. */
    public record SetAsideV1(String eventId, String type, String topic, String orgId, int bytes, int limit, String reason) {
    }

    private Message<String> toMessage(Row row) {
        String orgId = row.getUUID("org_id").toString();
        OutgoingCloudEventMetadata<String> ce = OutgoingCloudEventMetadata.<String>builder()
                .withId(row.getUUID("id").toString())
                .withType(row.getString("type"))
                .withSource(source)
                .withSubject(orgId)
                .withTimestamp(row.getOffsetDateTime("created_at").atZoneSameInstant(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("record_key"))
                .build();
        String traceParent = row.getString("trace_parent");
        if (traceParent == null) {
            return Message.of(row.getString("payload"), Metadata.of(ce, kafka));
        }
        // The Kafka connector makes its producer span a child of this context and writes it into the record's headers.
        Context trace = W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of("traceparent", traceParent),
                TRACE_HEADERS);
        return Message.of(row.getString("payload"), Metadata.of(ce, kafka, TracingMetadata.withCurrent(trace)));
    }

    private static final TextMapGetter<Map<String, String>> TRACE_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
}
