package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.CloudEventInbox;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.gateway.domain.KnownOrganization;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the gateway's organisation directory in step with tenant-service. Each event is applied once
 * (by its CloudEvent id) and acknowledged only after its transaction committed.
 */
@ApplicationScoped
public class TenantEventsConsumer {

    static final String CONSUMER = "gateway.tenant-events";

    private final ProcessedEvents processed;
    private final ObjectMapper json;

    public TenantEventsConsumer(ProcessedEvents processed, ObjectMapper json) {
        this.processed = processed;
        this.json = json;
    }

    @Incoming("tenant-events")
    public Uni<Void> consume(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> OrganizationEventV1.SNAPSHOTS.contains(ce.getType())
                ? read(payload).chain(event -> processed.applyOnce(CONSUMER, ce, () -> record(event)))
                : Uni.createFrom().voidItem()); // other tenant events are read by later gateway features
    }

    private Uni<OrganizationEventV1> read(String payload) {
        try {
            return Uni.createFrom().item(json.readValue(payload, OrganizationEventV1.class));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("unreadable organisation event", e));
        }
    }

    private Uni<Void> record(OrganizationEventV1 event) {
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
