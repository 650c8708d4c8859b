package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import br.ft9.common.outbox.Outbox;
import br.ft9.gateway.events.MessageReceivedV1;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Keeps each message a contact sent, once, and announces it through the outbox in the same
 * transaction: a crash after the commit still publishes it, and Meta's re-delivery stores nothing new.
 */
@ApplicationScoped
public class InboundMessages {

    private static final Logger LOG = Logger.getLogger(InboundMessages.class);

    private final Outbox outbox;

    public InboundMessages(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Stores and announces every new message of the notification; answers how many were new. */
    public Uni<Integer> accept(WebhookPayload.Parsed payload) {
        return Multi.createFrom().iterable(payload.messages())
                .onItem().transformToUniAndConcatenate(this::acceptOne)
                .collect().asList()
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> acceptOne(WebhookPayload.Inbound inbound) {
        return Panache.withTransaction(() -> ChannelRoute.forNumber(inbound.phoneNumberId()).chain(route -> {
            if (route == null) {
                LOG.warnf("dropped a message to unknown phone_number_id %s", inbound.phoneNumberId());
                return Uni.createFrom().item(false);
            }
            OffsetDateTime sentAt = inbound.sentAt().atOffset(ZoneOffset.UTC);
            return contact(route.orgId, inbound, sentAt).chain(contact -> Panache.getSession().chain(session -> session
                    .createNativeQuery("insert into message (id, org_id, contact_id, direction, wa_message_id, type, text,"
                            + " payload, sent_at, created_at) values (:id, :org, :contact, 'IN', :wa, :type, :text, :payload,"
                            + " :sent, now()) on conflict (org_id, wa_message_id) do nothing")
                    .setParameter("id", UUID.randomUUID())
                    .setParameter("org", route.orgId)
                    .setParameter("contact", contact.id)
                    .setParameter("wa", inbound.waMessageId())
                    .setParameter("type", inbound.type())
                    .setParameter("text", inbound.text())
                    .setParameter("payload", inbound.raw())
                    .setParameter("sent", sentAt)
                    .executeUpdate())
                    .chain(inserted -> {
                        if (inserted == 0) {
                            return Uni.createFrom().item(false); // Meta re-delivered it
                        }
                        MessageReceivedV1 event = new MessageReceivedV1(route.orgId, UUID.randomUUID(), contact.id,
                                inbound.waId(), contact.profileName, inbound.phoneNumberId(), inbound.waMessageId(),
                                inbound.type(), inbound.text(), sentAt);
                        return outbox.append(MessageReceivedV1.TOPIC, MessageReceivedV1.TYPE, route.orgId,
                                route.orgId + ":" + inbound.waId(), event).replaceWith(true);
                    }));
        }));
    }

    private static Uni<Contact> contact(UUID orgId, WebhookPayload.Inbound inbound, OffsetDateTime sentAt) {
        return Contact.<Contact>find("orgId = ?1 and waId = ?2", orgId, inbound.waId()).firstResult().chain(existing -> {
            Contact contact = existing;
            if (contact == null) {
                contact = new Contact();
                contact.id = UUID.randomUUID();
                contact.orgId = orgId;
                contact.waId = inbound.waId();
                contact.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            }
            if (inbound.profileName() != null) {
                contact.profileName = inbound.profileName();
            }
            if (contact.lastInboundAt == null || sentAt.isAfter(contact.lastInboundAt)) {
                contact.lastInboundAt = sentAt;
            }
            return contact.<Contact>persistAndFlush();
        });
    }
}
