package br.ft9.tenant.events;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.EventRoutes;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.tenant.domain.DeadLetters;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * A contact's erasure, from the gateway's inbound topic: the dead letters that carry the contact's data (a message, a
 * send command) keep nothing of it. Every other record of the topic is not tenant-service's business and is passed by.
 */
@ApplicationScoped
public class ContactErasureConsumer {

    static final String CONSUMER = "tenant.contact-erasures";
    static final String ERASURE_REQUESTED = "ft9.whatsapp.contact.erasure_requested.v1";

    /** tenant-service's reading of the gateway's {@code contact.erasure_requested}. */
    @RegisterForReflection
    public record ErasureRequested(UUID erasureId, UUID orgId, UUID contactId, String waId) {
    }

    private final EventRoutes routes;

    public ContactErasureConsumer(ProcessedEvents processed, DeadLetters deadLetters, ObjectMapper json) {
        this.routes = EventRoutes.of(CONSUMER, processed, json).once(List.of(ERASURE_REQUESTED), ErasureRequested.class,
                (event, erasure) -> deadLetters.forgetContact(erasure.erasureId(), erasure.orgId(), erasure.contactId(), erasure.waId()));
    }

    /**
     * In batches (the channel's {@code batch=true}): nearly every record of the topic is a message passed by, and a
     * batch acknowledges them together instead of one by one; the few erasures among them are applied in its order.
     */
    @Incoming("contact-erasures")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return routes.consume(batch);
    }
}
