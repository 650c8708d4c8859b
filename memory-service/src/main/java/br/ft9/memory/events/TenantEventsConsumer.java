package br.ft9.memory.events;

import br.ft9.memory.domain.Indexes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.CloudEventInbox;
import br.ft9.common.inbox.ProcessedEvents;
import br.ft9.memory.domain.KnowledgeItem;
import br.ft9.memory.domain.OrganizationProfile;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Keeps each organisation's profile (persona, tone, hours, auto-reply) from tenant-service, and erases an
 * organisation's knowledge when it is deleted. Applied once per event id, acknowledged after commit.
 */
@ApplicationScoped
public class TenantEventsConsumer {

    static final String CONSUMER = "memory.tenant-events";

    private final ProcessedEvents processed;
    private final Indexes indexes;
    private final ObjectMapper json;

    public TenantEventsConsumer(ProcessedEvents processed, Indexes indexes, ObjectMapper json) {
        this.processed = processed;
        this.indexes = indexes;
        this.json = json;
    }

    @Incoming("tenant-events")
    public Uni<Void> consume(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> {
            if (OrganizationEventV1.SNAPSHOTS.contains(ce.getType())) {
                return CloudEventInbox.data(json, payload, OrganizationEventV1.class)
                        .chain(event -> processed.applyOnce(CONSUMER, ce, () -> profile(event)));
            }
            if (OrganizationEventV1.DELETED.equals(ce.getType())) {
                return CloudEventInbox.data(json, payload, OrganizationEventV1.class)
                        .chain(event -> processed.applyOnce(CONSUMER, ce, () -> KnowledgeItem.delete("orgId", event.orgId())
                                .chain(() -> OrganizationProfile.deleteById(event.orgId()))
                                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                        "delete from knowledge_generation where org_id = :org").setParameter("org", event.orgId())
                                        .executeUpdate()))
                                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                        "delete from answer_usage where org_id = :org").setParameter("org", event.orgId())
                                        .executeUpdate()))
                                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                        "delete from knowledge_synonyms where org_id = :org").setParameter("org", event.orgId())
                                        .executeUpdate()))
                                .invoke(() -> indexes.drop(event.orgId()))
                                .replaceWithVoid()));
            }
            return Uni.createFrom().voidItem();
        });
    }

    private static Uni<Void> profile(OrganizationEventV1 event) {
        return OrganizationProfile.<OrganizationProfile>findById(event.orgId()).chain(existing -> {
            OrganizationProfile profile = existing != null ? existing : new OrganizationProfile();
            profile.orgId = event.orgId();
            profile.name = event.name();
            profile.timeZone = event.timeZone();
            profile.locale = event.locale();
            profile.status = event.status();
            profile.assistantPersona = event.assistantPersona();
            profile.assistantTone = event.assistantTone();
            profile.autoReply = event.autoReply();
            profile.handoffMessage = event.handoffMessage();
            profile.businessHours = event.businessHours() == null || event.businessHours().isNull() ? null
                    : event.businessHours().toString();
            profile.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return profile.persist().replaceWithVoid();
        });
    }
}
