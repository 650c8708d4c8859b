package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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

    private final Outbox outbox;
    private final MessageStore messages;
    private final NumberRoutes routes;

    public InboundMessages(Outbox outbox, MessageStore messages, NumberRoutes routes) {
        this.messages = messages;
        this.outbox = outbox;
        this.routes = routes;
    }

    /** Stores and announces every new message of the notification; answers how many were new. */
    public Uni<Integer> accept(WebhookPayload.Parsed payload) {
        return Multi.createFrom().iterable(payload.messages())
                .onItem().transformToUniAndConcatenate(this::acceptOne)
                .collect().asList()
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> acceptOne(WebhookPayload.Inbound inbound) {
        // The route is looked up first: a kept copy needs no session, and a dropped message opens no transaction.
        return routes.forDelivery("a message", inbound.phoneNumberId(), inbound.wabaId())
                .chain(route -> route.routed() ? Panache.withTransaction(() -> store(route.orgId(), inbound))
                        : Uni.createFrom().item(false));
    }

    private Uni<Boolean> store(UUID orgId, WebhookPayload.Inbound inbound) {
        MessageStore.Arriving arriving = new MessageStore.Arriving(UUID.randomUUID(), orgId, inbound.waId(), inbound.profileName(),
                inbound.phoneNumberId(), inbound.waMessageId(), inbound.type(), inbound.text(), inbound.raw(),
                inbound.sentAt().atOffset(ZoneOffset.UTC), Conversation.listed(preview(inbound)));
        // A redelivery by Meta is counted on the message (its journey shows it) and changes nothing else; a concurrent
        // delivery of the same message that won is not announced again.
        return messages.recordInbound(arriving).chain(recorded -> recorded == null || !recorded.fresh()
                ? Uni.createFrom().item(false)
                : announce(orgId, inbound, arriving, recorded).replaceWith(true));
    }

    private Uni<Void> announce(UUID orgId, WebhookPayload.Inbound inbound, MessageStore.Arriving arriving,
            MessageStore.Recorded recorded) {
        if (OptOutKeywords.isOptOut(inbound.text())) {
            return optOut(orgId, recorded.contactId(), inbound.waId(), true);
        }
        if (recorded.optedOut() && OptOutKeywords.isOptIn(inbound.text())) {
            return optOut(orgId, recorded.contactId(), inbound.waId(), false);
        }
        MessageReceivedV1 event = new MessageReceivedV1(orgId, arriving.id(), recorded.contactId(), inbound.waId(),
                recorded.profileName(), inbound.phoneNumberId(), inbound.waMessageId(), inbound.type(), inbound.text(),
                arriving.sentAt(), recorded.conversationId(), recorded.conversationMode());
        return outbox.append(MessageReceivedV1.TOPIC, MessageReceivedV1.TYPE, orgId, orgId + ":" + inbound.waId(), event)
                .replaceWithVoid();
    }

    /** Records the contact's wish and announces it; the keyword itself is not answered. */
    private Uni<Void> optOut(UUID orgId, UUID contactId, String waId, boolean optedOut) {
        ContactEventV1 event = new ContactEventV1(orgId, contactId, waId, optedOut, null, OffsetDateTime.now(ZoneOffset.UTC));
        return Contact.update("optedOut = ?1 where id = ?2 and orgId = ?3", optedOut, contactId, orgId)
                .chain(() -> outbox.append(ContactEventV1.TOPIC, optedOut ? ContactEventV1.OPTED_OUT : ContactEventV1.OPTED_IN,
                        orgId, orgId + ":" + waId, event)).replaceWithVoid();
    }

    private static String preview(WebhookPayload.Inbound inbound) {
        return inbound.text() != null ? inbound.text() : "[" + inbound.type() + "]";
    }
}
