package br.ft9.common.inbox;

import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * The envelope handling every Kafka consumer of the platform shares: reads the CloudEvent
 * attributes, applies the event, acknowledges only once the effect is done (committed), and on
 * failure logs why and nacks, which sends the record to the channel's dead-letter topic.
 */
public final class CloudEventInbox {

    private static final Logger LOG = Logger.getLogger(CloudEventInbox.class);

    private static final Duration RETRY_FIRST = Duration.ofMillis(500);
    private static final Duration RETRY_LONGEST = Duration.ofSeconds(10);
    private static final Duration RETRY_FOR = Duration.ofMinutes(10);
    /** How long a record is held for the infrastructure before it goes to the dead-letter topic (FT9_INBOX_HOLD_FOR). */
    static final String HOLD_FOR = "ft9.inbox.hold-for";
    private static final Pattern TRANSIENT_MESSAGE = Pattern.compile(
            "(?i).*(connection refused|connection reset|connection closed|closed connection|connection has been closed"
                    + "|connection is not active|pool closed|timed out|timeout"
                    + "|terminating connection|the database system is (starting up|shutting down)).*", Pattern.DOTALL);

    private CloudEventInbox() {
    }

    /**
     * Whether a failure is the infrastructure's for a while (a connection refused or cut, a timeout, PostgreSQL shutting
     * down or out of connections, a serialization conflict, an open circuit) rather than the event's own.
     */
    public static boolean isTransient(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 20; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof com.fasterxml.jackson.core.JacksonException) {
                return false; // the event itself: unreadable or refused, it will not get better by waiting
            }
        }
        depth = 0;
        for (Throwable t = failure; t != null && depth++ < 20; t = t.getCause()) {
            if (t instanceof TransientFailure || t instanceof java.io.IOException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53") || "40001".equals(state)
                        || "40P01".equals(state)) {
                    return true;
                }
            }
            if (t.getClass().getName().startsWith("org.eclipse.microprofile.faulttolerance.exceptions.")) {
                return true;
            }
            // Vert.x and Netty say "Connection refused", "Pool closed" in the message of general exceptions.
            boolean io = t.getClass().getName().startsWith("io.vertx.") || t.getClass().getName().startsWith("io.netty.");
            if (io && t.getMessage() != null && TRANSIENT_MESSAGE.matcher(t.getMessage()).matches()) {
                return true;
            }
        }
        return false;
    }

    private static volatile Duration holdFor;

    // Read once (every record asks): ten minutes unless the deployment says otherwise (faults.sh shortens it).
    private static Duration holdFor() {
        Duration known = holdFor;
        if (known == null) {
            known = org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(HOLD_FOR, Duration.class)
                    .orElse(RETRY_FOR);
            holdFor = known;
        }
        return known;
    }

    public static Uni<Void> consume(Message<String> message,
            BiFunction<IncomingCloudEventMetadata<?>, String, Uni<Void>> apply) {
        IncomingCloudEventMetadata<?> ce = message.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
        if (ce == null) {
            LOG.warn("ignoring a record that is not a CloudEvent");
            return Uni.createFrom().completionStage(message.ack());
        }
        return inTrace(message, () -> apply.apply(ce, message.getPayload()))
                .plug(work -> heldForTheInfrastructure(work, "event " + ce.getId() + " (" + ce.getType() + ")"))
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> {
                    if (ServiceStopping.now()) {
                        // Neither acked nor nacked: its offset is not committed, so it comes back after the restart.
                        LOG.infof("event %s (%s) left for redelivery: the service is stopping", ce.getId(), ce.getType());
                        return Uni.createFrom().voidItem();
                    }
                    Throwable why = heldTooLong(failure);
                    LOG.errorf("event %s (%s) not applied, sent to the dead-letter topic: %s", ce.getId(), ce.getType(),
                            why.getMessage());
                    return Uni.createFrom().completionStage(message.nack(why));
                });
    }

    /**
     * The work with the record's trace current: the connector's consumer span (a child of the producer's, from the
     * record's headers; a batch's records each have theirs) for the whole application of the event, so that the events
     * it writes and the calls it makes continue the same trace.
     */
    static <T> Uni<T> inTrace(Message<?> message, Supplier<Uni<T>> work) {
        Context trace = TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext).orElse(null);
        return Uni.createFrom().deferred(() -> {
            Scope scope = trace == null ? null : trace.makeCurrent();
            return work.get().onTermination().invoke(() -> {
                if (scope != null) {
                    scope.close();
                }
            });
        });
    }

    /**
     * PostgreSQL, Redis or a called service down for a while is waited out, the record held (the partition waits with
     * it, which keeps a conversation in order); only an event that cannot be applied fails for good. Also for a step of
     * the work that must not be lost with the rest of it (the gateway's record of what it sent).
     */
    public static <T> Uni<T> heldForTheInfrastructure(Uni<T> work, String what) {
        return work.onFailure(CloudEventInbox::isTransient).invoke(failure -> LOG.warnf("%s waits for the infrastructure and"
                + " will be tried again: %s", what, failure.getMessage()))
                .onFailure(CloudEventInbox::isTransient).retry().withBackOff(RETRY_FIRST, RETRY_LONGEST).expireIn(holdFor().toMillis());
    }

    /**
     * A batch of records (a batch consumer): {@code together} applies them at once (one transaction, one acknowledgement
     * of the batch), held for the infrastructure like a single record. When it fails for a reason of the batch's own (an
     * unreadable event, a type that is not applied together), every record goes through {@code alone} in order, so that
     * only the culprit reaches the dead-letter topic; then the batch is acknowledged.
     */
    public static Uni<Void> consumeBatch(String consumer, KafkaRecordBatch<?, String> batch, Supplier<Uni<Void>> together,
            Function<Message<String>, Uni<Void>> alone) {
        int size = batch.getRecords().size();
        // The batch's own (safe, duplicated) Vert.x context: each record applied alone starts on it again, since the
        // acknowledgement of the one before may complete on the Kafka client's thread, where no database session may open.
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return Uni.createFrom().deferred(together::get)
                .plug(work -> heldForTheInfrastructure(work, "a batch of " + size + " events"))
                .invoke(() -> batches(consumer, "together").increment())
                .onFailure(failure -> !isTransient(failure) && !ServiceStopping.now()).recoverWithUni(failure -> {
                    // The reason's class only: a message may quote the event's data.
                    LOG.infof("a batch of %d events for %s is applied one at a time (%s)", size, consumer,
                            failure.getClass().getSimpleName());
                    batches(consumer, "one-at-a-time").increment();
                    return Multi.createFrom().iterable(batch.getRecords())
                            .onItem().transformToUniAndConcatenate(record -> onContext(context, () -> alone.apply(record)))
                            .collect().last().replaceWithVoid();
                })
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .onFailure().recoverWithUni(failure -> {
                    if (ServiceStopping.now()) {
                        // Neither acked nor nacked: the batch comes back after the restart, applied events known by id.
                        LOG.infof("a batch of %d events left for redelivery: the service is stopping", size);
                        return Uni.createFrom().voidItem();
                    }
                    Throwable why = heldTooLong(failure);
                    LOG.errorf("a batch of %d events not applied, sent to the dead-letter topic: %s", size, why.getMessage());
                    return Uni.createFrom().completionStage(batch.nack(why));
                });
    }

    private static Uni<Void> onContext(io.vertx.core.Context context, Supplier<Uni<Void>> work) {
        if (context == null) {
            return Uni.createFrom().deferred(work::get);
        }
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> Uni.createFrom().deferred(work::get)
                .subscribe().with(done -> emitter.complete(null), emitter::fail)));
    }

    /** Batches applied by a consumer, together or one event at a time (an unreadable event in them, say). */
    private static Counter batches(String consumer, String applied) {
        return Metrics.counter("ft9.inbox.batches", "consumer", consumer, "applied", applied);
    }

    /**
     * What the dead letter says when the hold ran out: the infrastructure's last failure, not the retry's bookkeeping
     * ("Retries exhausted: 3 attempts against ... expiration"), so that whoever reads the dead letter sees why.
     */
    static Throwable heldTooLong(Throwable failure) {
        if (failure instanceof IllegalStateException && failure.getCause() != null && failure.getMessage() != null
                && failure.getMessage().startsWith("Retries exhausted")) {
            return new TransientFailure("held " + holdFor().toSeconds() + " s for the infrastructure, still failing: "
                    + failure.getCause().getMessage(), failure.getCause());
        }
        return failure;
    }

    /**
     * The event's JSON data as the consumer's own reading of it; unreadable data fails (and goes to the DLQ). Fields the
     * reading does not know are ignored, at every depth: events grow new optional fields without breaking consumers (the
     * REST API's strictness about unknown fields is for requests, not for events).
     */
    public static <T> Uni<T> data(ObjectMapper json, String payload, Class<T> type) {
        try {
            return Uni.createFrom().item(read(json, payload, type));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** As {@link #data}, at once: unreadable data throws {@link IllegalArgumentException}. */
    static <T> T read(ObjectMapper json, String payload, Class<T> type) {
        try {
            return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + " data", e);
        }
    }
}
