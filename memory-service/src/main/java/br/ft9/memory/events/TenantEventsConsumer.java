package br.ft9.memory.events;

import java.time.Clock;
import java.time.OffsetDateTime;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.EventRoutes;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.memory.domain.AnswerQuota;
import br.ft9.memory.domain.AutomationClaims;
import br.ft9.memory.domain.Indexes;
import br.ft9.memory.domain.KnowledgeItem;
import br.ft9.memory.domain.OrganizationProfile;
import io.smallrye.mutiny.Uni;

/**
 * Keeps each organisation's profile (persona, tone, hours, auto-reply) from tenant-service, and erases an
 * organisation's knowledge when it is deleted. Applied once per event id, acknowledged after commit.
 */
@ApplicationScoped
public class TenantEventsConsumer {

    static final String CONSUMER = "memory.tenant-events";

    private final EventRoutes routes;

    public TenantEventsConsumer(ProcessedEvents processed, Indexes indexes, AnswerQuota quota, AutomationClaims claims, ObjectMapper json,
            Clock clock) {
        this.routes = EventRoutes.of(CONSUMER, processed, json)
                .once(OrganizationEventV1.SNAPSHOTS, OrganizationEventV1.class, (event, organisation) -> OrganizationProfile.keep(
                        organisation.toProfile(), OffsetDateTime.now(clock)))
                .once(OrganizationEventV1.DELETED, OrganizationEventV1.class, organisation -> KnowledgeItem.delete("orgId",
                        organisation.orgId())
                        .chain(() -> OrganizationProfile.deleteById(organisation.orgId()))
                        .chain(() -> quota.erase(organisation.orgId()))
                        .chain(() -> claims.erase(organisation.orgId()))
                        .invoke(() -> indexes.drop(organisation.orgId())));
    }

    @Incoming("tenant-events")
    public Uni<Void> consume(Message<String> message) {
        return routes.consume(message);
    }
}
