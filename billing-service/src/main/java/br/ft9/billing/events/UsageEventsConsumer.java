package br.ft9.billing.events;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.billing.domain.Usage;
import br.ft9.common.inbox.CloudEventInbox;
import br.ft9.common.inbox.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Counts use from the other services' events, each event once: a contact's message received (whatsapp-gateway), an
 * answer given by the assistant (memory-service); an organisation's contact e-mail and its deletion (tenant-service,
 * which erases its billing).
 */
@ApplicationScoped
public class UsageEventsConsumer {

    static final String MESSAGES = "billing.messages";
    static final String ANSWERS = "billing.answers";
    static final String TENANTS = "billing.tenant-events";

    private final ProcessedEvents processed;
    private final Usage usage;
    private final ObjectMapper json;

    public UsageEventsConsumer(ProcessedEvents processed, Usage usage, ObjectMapper json) {
        this.processed = processed;
        this.usage = usage;
        this.json = json;
    }

    /** The part of any of these events that billing reads. */
    @RegisterForReflection
    record OrgEvent(UUID orgId) {
    }

    @Incoming("inbound")
    public Uni<Void> messages(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> !"ft9.whatsapp.message.received.v1".equals(ce.getType())
                ? Uni.createFrom().voidItem()
                : CloudEventInbox.data(json, payload, OrgEvent.class)
                        .chain(event -> processed.applyOnce(MESSAGES, ce, () -> usage.count(event.orgId(), Usage.MESSAGES))));
    }

    @Incoming("memory-events")
    public Uni<Void> answers(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> !"ft9.memory.answer.given.v1".equals(ce.getType())
                ? Uni.createFrom().voidItem()
                : CloudEventInbox.data(json, payload, OrgEvent.class)
                        .chain(event -> processed.applyOnce(ANSWERS, ce, () -> usage.count(event.orgId(), Usage.ANSWERS))));
    }

    /** tenant-service's organisation events, as far as billing reads them. */
    @RegisterForReflection
    record OrganisationEvent(UUID orgId, String notificationEmail, String firstAdminEmail) {
        String billingEmail() {
            return notificationEmail != null && !notificationEmail.isBlank() ? notificationEmail : firstAdminEmail;
        }
    }

    @Incoming("tenant-events")
    public Uni<Void> organisations(Message<String> message) {
        return CloudEventInbox.consume(message, (ce, payload) -> java.util.Set.of("ft9.tenant.organization.created.v1",
                "ft9.tenant.organization.updated.v1").contains(ce.getType())
                ? CloudEventInbox.data(json, payload, OrganisationEvent.class).chain(event -> event.billingEmail() == null
                        ? Uni.createFrom().voidItem()
                        : processed.applyOnce(TENANTS, ce, () -> Panache.getSession().chain(s -> s.createNativeQuery("insert into"
                                + " billing_account (org_id, billing_email, updated_at) values (:org, :email, now()) on conflict (org_id)"
                                + " do update set billing_email = excluded.billing_email, updated_at = now()")
                                .setParameter("org", event.orgId()).setParameter("email", event.billingEmail()).executeUpdate())
                                .replaceWithVoid()))
                : !"ft9.tenant.organization.deleted.v1".equals(ce.getType())
                ? Uni.createFrom().voidItem()
                : CloudEventInbox.data(json, payload, OrgEvent.class).chain(event -> processed.applyOnce(TENANTS, ce,
                        () -> Panache.getSession().chain(s -> s.createNativeQuery("delete from usage_counter where org_id = :org")
                                .setParameter("org", event.orgId()).executeUpdate()
                                .chain(() -> s.createNativeQuery("delete from quota_notice where org_id = :org").setParameter("org", event.orgId()).executeUpdate())
                                .chain(() -> s.createNativeQuery("delete from invoice where org_id = :org").setParameter("org", event.orgId()).executeUpdate())
                                .chain(() -> s.createNativeQuery("delete from billing_account where org_id = :org").setParameter("org", event.orgId()).executeUpdate()))
                                .replaceWithVoid())));
    }
}
