package br.ft9.tenant.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.CloudEventInbox;
import br.ft9.tenant.domain.DeadLetterArrival;
import br.ft9.tenant.domain.DeadLetters;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Reads every dead-letter topic of the platform (ft9.*.dlq, the pattern also finds topics made later) and hands each
 * record to {@link DeadLetters}: where it came from and why, from the dead-letter strategy's headers; which event, from
 * its CloudEvent headers; which organisation and message, from its data.
 */
@ApplicationScoped
public class DeadLettersConsumer {

    private static final Logger LOG = Logger.getLogger(DeadLettersConsumer.class);

    private final DeadLetters deadLetters;
    private final ObjectMapper json;

    public DeadLettersConsumer(DeadLetters deadLetters, ObjectMapper json) {
        this.deadLetters = deadLetters;
        this.json = json;
    }

    @Incoming("dead-letters")
    public Uni<Void> consume(Message<String> message) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordMetadata<String, String> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        if (kafka == null) {
            return Uni.createFrom().completionStage(message.ack());
        }
        DeadLetterArrival arrival = arrival(kafka, message.getPayload());
        // PostgreSQL away for a while is waited out (the record stays on its topic meanwhile); the index is not a
        // dead-letter topic's consumer of last resort: what cannot be kept is logged and left on the topic.
        return deadLetters.record(arrival)
                .onFailure(CloudEventInbox::isTransient).retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10))
                .expireIn(Duration.ofMinutes(10).toMillis())
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> {
                    LOG.errorf("dead letter %s-%d@%d not indexed (it stays on its topic): %s", arrival.topic(), arrival.partition(),
                            arrival.offset(), failure.getMessage());
                    return Uni.createFrom().completionStage(message.ack());
                });
    }

    DeadLetterArrival arrival(IncomingKafkaRecordMetadata<String, String> kafka, String payload) {
        List<DeadLetterArrival.RecordHeader> headers = new ArrayList<>();
        for (Header header : kafka.getHeaders()) {
            headers.add(new DeadLetterArrival.RecordHeader(header.key(),
                    header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8)));
        }
        JsonNode data = read(payload);
        UUID orgId = uuid(text(headers, "ce_subject")).orElseGet(() -> uuid(data.path("orgId").asText(null)).orElse(null));
        // A send command answers a contact's message (inReplyToMessageId); other events are about one (messageId).
        UUID messageId = uuid(data.path("inReplyToMessageId").asText(null))
                .orElseGet(() -> uuid(data.path("messageId").asText(null)).orElse(null));
        OffsetDateTime at = kafka.getTimestamp() == null ? null : kafka.getTimestamp().atOffset(ZoneOffset.UTC);
        return new DeadLetterArrival(kafka.getTopic(), kafka.getPartition(), kafka.getOffset(), text(headers, "dead-letter-topic"),
                number(text(headers, "dead-letter-partition")).map(Long::intValue).orElse(null),
                number(text(headers, "dead-letter-offset")).orElse(null), kafka.getKey(), text(headers, "ce_id"),
                text(headers, "ce_type"), orgId, messageId, text(headers, "dead-letter-reason"), text(headers, "dead-letter-cause"),
                headers, payload, at);
    }

    private JsonNode read(String payload) {
        try {
            JsonNode node = payload == null ? null : json.readTree(payload);
            return node == null ? json.createObjectNode() : node;
        } catch (Exception e) {
            return json.createObjectNode(); // kept as it came; the data itself may be why it failed
        }
    }

    private static String text(List<DeadLetterArrival.RecordHeader> headers, String name) {
        String found = null;
        for (DeadLetterArrival.RecordHeader header : headers) {
            if (header.name().equals(name)) {
                found = header.value(); // the last one wins, as Kafka's lastHeader
            }
        }
        return found;
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> number(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
