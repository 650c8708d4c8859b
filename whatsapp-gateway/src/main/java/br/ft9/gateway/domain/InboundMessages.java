package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import br.ft9.common.outbox.Outbox;
import br.ft9.gateway.events.ContactEventV1;
import br.ft9.gateway.events.MessageReceivedV1;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Keeps each message a contact sent, once, in the contact's open conversation, and announces it through
 * the outbox in the same transaction: a crash after the commit still publishes it, and Meta's
 * re-delivery stores nothing new. "SAIR"/"STOP" (alone) opt the contact out instead of being answered.
 */
@ApplicationScoped
public class InboundMessages {

    private static final Logger LOG = Logger.getLogger(InboundMessages.class);

    private final Outbox outbox;
    private final Conversations conversations;
    private final MessageStore messages;

    public InboundMessages(Outbox outbox, Conversations conversations, MessageStore messages) {
        this.messages = messages;
        this.outbox = outbox;
        this.conversations = conversations;
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
            if (!WebhookPayload.fromAccountOf(inbound.wabaId(), route.wabaId)) {
                LOG.warnf("dropped a message to phone_number_id %s delivered for business account %s, not the number's %s",
                        inbound.phoneNumberId(), inbound.wabaId(), route.wabaId);
                return Uni.createFrom().item(false);
            }
            // A redelivery by Meta is counted on the message (its journey shows it) and changes nothing else.
            return WhatsAppMessage.update("duplicateDeliveries = duplicateDeliveries + 1 where orgId = ?1 and waMessageId = ?2",
                    route.orgId, inbound.waMessageId())
                    .chain(seen -> seen > 0 ? Uni.createFrom().item(false) : store(route, inbound));
        }));
    }

    private Uni<Boolean> store(ChannelRoute route, WebhookPayload.Inbound inbound) {
        OffsetDateTime sentAt = inbound.sentAt().atOffset(ZoneOffset.UTC);
        UUID messageId = UUID.randomUUID();
        return contact(route.orgId, inbound, sentAt).chain(contact -> conversations
                .openFor(route.orgId, contact.id, inbound.phoneNumberId(), sentAt, preview(inbound))
                .chain(conversation -> insert(messageId, route.orgId, contact, conversation, inbound, sentAt)
                        .chain(inserted -> {
                            if (!inserted) {
                                return Uni.createFrom().item(false); // a concurrent delivery of the same message won
                            }
                            if (OptOutKeywords.isOptOut(inbound.text())) {
                                return optOut(contact, true).replaceWith(true);
                            }
                            if (contact.optedOut && OptOutKeywords.isOptIn(inbound.text())) {
                                return optOut(contact, false).replaceWith(true);
                            }
                            MessageReceivedV1 event = new MessageReceivedV1(route.orgId, messageId, contact.id, inbound.waId(),
                                    contact.profileName, inbound.phoneNumberId(), inbound.waMessageId(), inbound.type(),
                                    inbound.text(), sentAt, conversation.id, conversation.mode);
                            return outbox.append(MessageReceivedV1.TOPIC, MessageReceivedV1.TYPE, route.orgId,
                                    route.orgId + ":" + inbound.waId(), event).replaceWith(true);
                        })));
    }

    private Uni<Boolean> insert(UUID messageId, UUID orgId, Contact contact, Conversation conversation,
            WebhookPayload.Inbound inbound, OffsetDateTime sentAt) {
        return messages.insertInbound(new MessageStore.Inbound(messageId, orgId, contact.id, conversation.id, conversation.mode,
                inbound.waMessageId(), inbound.type(), inbound.text(), inbound.raw(), sentAt));
    }

    /** Records the contact's wish and announces it; the keyword itself is not answered. */
    private Uni<Void> optOut(Contact contact, boolean optedOut) {
        contact.optedOut = optedOut;
        ContactEventV1 event = new ContactEventV1(contact.orgId, contact.id, contact.waId, optedOut, null,
                OffsetDateTime.now(ZoneOffset.UTC));
        return contact.persist().chain(() -> outbox.append(ContactEventV1.TOPIC,
                optedOut ? ContactEventV1.OPTED_OUT : ContactEventV1.OPTED_IN, contact.orgId,
                contact.orgId + ":" + contact.waId, event)).replaceWithVoid();
    }

    private static String preview(WebhookPayload.Inbound inbound) {
        return inbound.text() != null ? inbound.text() : "[" + inbound.type() + "]";
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
