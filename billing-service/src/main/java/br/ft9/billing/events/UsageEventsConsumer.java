package br.ft9.billing.events;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.billing.domain.AccountStore;
import br.ft9.billing.domain.Usage;
import br.ft9.common.inbox.EventRoutes;
import br.ft9.common.inbox.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
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

    private final EventRoutes messages;
    private final EventRoutes answers;
    private final EventRoutes organisations;

    public UsageEventsConsumer(ProcessedEvents processed, Usage usage, AccountStore accounts, ObjectMapper json) {
        this.messages = EventRoutes.of(MESSAGES, processed, json)
                .onceTogether("ft9.whatsapp.message.received.v1", OrgEvent.class,
                        events -> usage.countEach(events.stream().map(OrgEvent::orgId).toList(), Usage.MESSAGES));
        this.answers = EventRoutes.of(ANSWERS, processed, json)
                .onceTogether("ft9.memory.answer.given.v1", OrgEvent.class,
                        events -> usage.countEach(events.stream().map(OrgEvent::orgId).toList(), Usage.ANSWERS));
        EventRoutes organisations = EventRoutes.of(TENANTS, processed, json);
        organisations.on(List.of("ft9.tenant.organization.created.v1", "ft9.tenant.organization.updated.v1"), OrganisationEvent.class,
                (event, organisation) -> organisation.billingEmail() == null ? Uni.createFrom().voidItem()
                        : organisations.applyOnce(event, () -> accounts.billTo(organisation.orgId(), organisation.billingEmail())));
        organisations.once("ft9.tenant.organization.deleted.v1", OrgEvent.class, event -> accounts.erase(event.orgId()));
        this.organisations = organisations;
    }

    /** The part of any of these events that billing reads. */
    @RegisterForReflection
    record OrgEvent(UUID orgId) {
    }

    /** tenant-service's organisation events, as far as billing reads them. */
    @RegisterForReflection
    record OrganisationEvent(UUID orgId, String notificationEmail, String firstAdminEmail) {
        String billingEmail() {
            return notificationEmail != null && !notificationEmail.isBlank() ? notificationEmail : firstAdminEmail;
        }
    }

    /** In batches (the channel's {@code batch=true}): a batch's messages are counted in one transaction. */
    @Incoming("inbound")
    public Uni<Void> messages(KafkaRecordBatch<String, String> batch) {
        return messages.consume(batch);
    }

    /** In batches too: the answers of a batch counted in one transaction (memory's other events ignored). */
    @Incoming("memory-events")
    public Uni<Void> answers(KafkaRecordBatch<String, String> batch) {
        return answers.consume(batch);
    }

    @Incoming("tenant-events")
    public Uni<Void> organisations(Message<String> message) {
        return organisations.consume(message);
    }
}
