package br.ft9.gateway.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import br.ft9.common.outbox.Outbox;
import br.ft9.gateway.events.MessageStatusV1;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Applies Meta's status webhooks (sent, delivered, read, failed) to the messages the organisation sent, and announces
 * each change when status events are on ({@link GatewaySettings#statusEvents()}). A status only moves forward, so a
 * late "delivered" after "read" and a re-delivered webhook change nothing.
 */
@ApplicationScoped
public class DeliveryStatuses {

    private static final Logger LOG = Logger.getLogger(DeliveryStatuses.class);

    private final Outbox outbox;
    private final boolean announce;
    private final NumberRoutes routes;
    private final Clock clock;

    public DeliveryStatuses(Outbox outbox, GatewaySettings settings, NumberRoutes routes, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.announce = settings.statusEvents();
        this.routes = routes;
    }

    /** Applies every status of the notification; answers how many changed a message. */
    public Uni<Integer> apply(WebhookPayload.Parsed payload) {
        return Multi.createFrom().iterable(payload.statuses())
                .onItem().transformToUniAndConcatenate(this::applyOne)
                .collect().asList()
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> applyOne(WebhookPayload.Status status) {
        DeliveryStatus next = DeliveryStatus.fromWire(status.status());
        if (next == null || status.waMessageId() == null) {
            LOG.debugf("ignored status %s", status.status());
            return Uni.createFrom().item(false);
        }
        return routes.forDelivery("a status", status.phoneNumberId(), status.wabaId())
                .chain(route -> route.routed() ? Panache.withTransaction(() -> store(route.orgId(), status, next))
                        : Uni.createFrom().item(false));
    }

    private Uni<Boolean> store(UUID orgId, WebhookPayload.Status status, DeliveryStatus next) {
        OffsetDateTime at = status.at().atOffset(ZoneOffset.UTC);
        if (!announce) {
            // Nothing to publish: one update that only moves the status forward.
            return WhatsAppMessage.update("status = ?1, statusReason = ?2, statusAt = ?3 where orgId = ?4 and waMessageId = ?5"
                    + " and direction = ?6 and status in ?7", next.wire(), status.error(), at, orgId, status.waMessageId(),
                    WhatsAppMessage.OUT, next.predecessors()).map(changed -> changed > 0);
        }
        return WhatsAppMessage.<WhatsAppMessage>find("orgId = ?1 and waMessageId = ?2 and direction = ?3", orgId,
                status.waMessageId(), WhatsAppMessage.OUT).firstResult().chain(message -> {
                    if (message == null || !message.deliveryStatus().canBecome(next)) {
                        return Uni.createFrom().item(false);
                    }
                    return record(message, next, status.error(), at, null);
                });
    }

    /**
     * Sets the message's status in the caller's transaction, and announces it when status events are on; {@code waId},
     * the contact's number when the caller has it (else it is read for the event's key).
     */
    Uni<Boolean> record(WhatsAppMessage message, DeliveryStatus next, String reason, OffsetDateTime at, String waId) {
        message.status = next.wire();
        message.statusReason = reason;
        message.statusAt = at;
        if (!announce) {
            return message.persist().replaceWith(true);
        }
        Uni<String> number = waId != null ? Uni.createFrom().item(waId)
                : Contact.<Contact>findById(message.contactId).map(contact -> contact.waId);
        return number.chain(to -> {
            MessageStatusV1 event = new MessageStatusV1(message.orgId, message.id, message.commandId, message.conversationId,
                    message.contactId, to, message.waMessageId, message.status, reason, message.delivery, at);
            return message.persist().chain(() -> outbox.append(MessageStatusV1.TOPIC, MessageStatusV1.TYPE, message.orgId,
                    message.orgId + ":" + to, event)).replaceWith(true);
        });
    }

    /**
     * A send's outcome, with Meta's id for the message and the delivery's name, in the caller's transaction: with status
     * events off one update guarded by the claim (a message no longer sending is left alone), else the message is read
     * for the event.
     */
    Uni<Void> recordOutcome(UUID messageId, String waMessageId, String delivery, DeliveryStatus next, String reason, String waId) {
        OffsetDateTime at = now();
        if (!announce) {
            return WhatsAppMessage.update("waMessageId = ?1, delivery = ?2, status = ?3, statusReason = ?4, statusAt = ?5"
                    + " where id = ?6 and status = ?7", waMessageId, delivery, next.wire(), reason, at, messageId,
                    DeliveryStatus.SENDING.wire()).replaceWithVoid();
        }
        return WhatsAppMessage.<WhatsAppMessage>findById(messageId).chain(message -> {
            message.waMessageId = waMessageId;
            message.delivery = delivery;
            return record(message, next, reason, at, waId);
        }).replaceWithVoid();
    }

    /** Announces (when status events are on) that a send command named no contact of its organisation. */
    Uni<Void> recordUnsent(UUID orgId, UUID commandId, UUID conversationId, UUID contactId, String waId, String reason) {
        if (!announce) {
            return Uni.createFrom().voidItem();
        }
        return outbox.append(MessageStatusV1.TOPIC, MessageStatusV1.TYPE, orgId, new MessageStatusV1(orgId, null, commandId,
                conversationId, contactId, waId, null, DeliveryStatus.FAILED.wire(), reason, null, now())).replaceWithVoid();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
