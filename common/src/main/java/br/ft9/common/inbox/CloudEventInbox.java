package br.ft9.common.inbox;

import java.util.function.BiFunction;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;

/**
 * The envelope handling every Kafka consumer of the platform shares: reads the CloudEvent
 * attributes, applies the event, acknowledges only once the effect is done (committed), and on
 * failure logs why and nacks, which sends the record to the channel's dead-letter topic.
 */
public final class CloudEventInbox {

    private static final Logger LOG = Logger.getLogger(CloudEventInbox.class);

    private CloudEventInbox() {
    }

    public static Uni<Void> consume(Message<String> message,
            BiFunction<IncomingCloudEventMetadata<?>, String, Uni<Void>> apply) {
        IncomingCloudEventMetadata<?> ce = message.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
        if (ce == null) {
            LOG.warn("ignoring a record that is not a CloudEvent");
            return Uni.createFrom().completionStage(message.ack());
        }
        // The connector's consumer span (a child of the producer's, from the record's headers) is made current for the
        // whole application of the event, so that the events it writes and the calls it makes continue the same trace.
        Context trace = TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext).orElse(null);
        return Uni.createFrom().deferred(() -> {
            Scope scope = trace == null ? null : trace.makeCurrent();
            return apply.apply(ce, message.getPayload()).onTermination().invoke(() -> {
                if (scope != null) {
                    scope.close();
                }
            });
        })
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> {
                    LOG.errorf("event %s (%s) not applied, sent to the dead-letter topic: %s", ce.getId(), ce.getType(),
                            failure.getMessage());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    /**
     * The event's JSON data as the consumer's own reading of it; unreadable data fails (and goes to the DLQ). Fields the
     * reading does not know are ignored, at every depth: events grow new optional fields without breaking consumers (the
     * REST API's strictness about unknown fields is for requests, not for events).
     */
    public static <T> Uni<T> data(ObjectMapper json, String payload, Class<T> type) {
        try {
            return Uni.createFrom().item(json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .<T>readValue(payload));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("unreadable " + type.getSimpleName() + " data", e));
        }
    }
}
