package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.gateway.domain.KnownOrganization;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;

/**
 * Keeps the gateway's organisation directory in step with tenant-service. Each event is applied once
 * (by its CloudEvent id) and acknowledged only after its transaction committed.
 */
@ApplicationScoped
public class TenantEventsConsumer {

    private static final Logger LOG = Logger.getLogger(TenantEventsConsumer.class);
    static final String CONSUMER = "gateway.tenant-events";

    private final ProcessedEvents processed;
    private final ObjectMapper json;

    public TenantEventsConsumer(ProcessedEvents processed, ObjectMapper json) {
        this.processed = processed;
        this.json = json;
    }

    @Incoming("tenant-events")
    public Uni<Void> consume(Message<String> message) {
        IncomingCloudEventMetadata<?> ce = message.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
        if (ce == null) {
            LOG.warn("ignoring a record on the tenant events topic that is not a CloudEvent");
            return Uni.createFrom().completionStage(message.ack());
        }
        return Panache.withTransaction(() -> processed.firstDelivery(CONSUMER, ce.getId(), ce.getType())
                        .chain(first -> first ? apply(ce.getType(), message.getPayload()) : Uni.createFrom().voidItem()))
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> {
                    LOG.errorf("tenant event %s (%s) not applied, sent to the dead-letter topic: %s", ce.getId(), ce.getType(),
                            failure.getMessage());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    private Uni<Void> apply(String type, String payload) {
        if (!OrganizationEventV1.CREATED.equals(type)) {
            return Uni.createFrom().voidItem(); // other tenant events are read by later gateway features
        }
        OrganizationEventV1 event;
        try {
            event = json.readValue(payload, OrganizationEventV1.class);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("unreadable " + type + " data", e));
        }
        return KnownOrganization.<KnownOrganization>findById(event.orgId())
                .chain(existing -> {
                    KnownOrganization organization = existing != null ? existing : new KnownOrganization();
                    organization.orgId = event.orgId();
                    organization.name = event.name();
                    organization.slug = event.slug();
                    organization.timeZone = event.timeZone();
                    organization.locale = event.locale();
                    organization.status = event.status();
                    organization.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return organization.persist();
                })
                .replaceWithVoid();
    }
}
