package br.ft9.tenant.infra;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import br.ft9.tenant.domain.DeadLetterArrival;
import br.ft9.tenant.domain.Republisher;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Replays through the dead-letter-replays channel: a plain Kafka producer (no CloudEvent mode, so the original ce_*
 * headers travel as they were and the event keeps its id), acknowledged by every in-sync replica.
 */
@ApplicationScoped
public class KafkaRepublisher implements Republisher {

    // Field injection: SmallRye Reactive Messaging wires emitters only at injection fields.
    @Inject
    @Channel("dead-letter-replays")
    MutinyEmitter<String> emitter;

    @Override
    public Uni<Void> republish(String topic, String key, List<DeadLetterArrival.RecordHeader> headers, String payload) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        for (DeadLetterArrival.RecordHeader header : headers) {
            kafkaHeaders.add(header.name(), header.value() == null ? null : header.value().getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key)
                .withHeaders(kafkaHeaders).build();
        return emitter.sendMessage(Message.of(payload, Metadata.of(metadata)));
    }
}
