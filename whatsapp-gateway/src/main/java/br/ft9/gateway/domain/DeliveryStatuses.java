package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import br.ft9.common.outbox.Outbox;
import br.ft9.gateway.events.MessageStatusV1;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Applies Meta's status webhooks (sent, delivered, read, failed) to the messages the organisation sent
 * and announces each change. A status only moves forward, so a late "delivered" after "read" and a
 * re-delivered webhook change nothing.
 */
@ApplicationScoped
public class DeliveryStatuses {

    private static final Logger LOG = Logger.getLogger(DeliveryStatuses.class);

    private final Outbox outbox;

    public DeliveryStatuses(Outbox outbox) {
        this.outbox = outbox;
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
        return Panache.withTransaction(() -> ChannelRoute.forNumber(status.phoneNumberId()).chain(route -> {
            if (route == null) {
                LOG.warnf("dropped a status for unknown phone_number_id %s", status.phoneNumberId());
                return Uni.createFrom().item(false);
            }
            if (!WebhookPayload.fromAccountOf(status.wabaId(), route.wabaId)) {
                LOG.warnf("dropped a status for phone_number_id %s delivered for business account %s, not the number's %s",
                        status.phoneNumberId(), status.wabaId(), route.wabaId);
                return Uni.createFrom().item(false);
            }
            return WhatsAppMessage.<WhatsAppMessage>find("orgId = ?1 and waMessageId = ?2 and direction = ?3", route.orgId,
                    status.waMessageId(), WhatsAppMessage.OUT).firstResult().chain(message -> {
                        if (message == null || !message.deliveryStatus().canBecome(next)) {
                            return Uni.createFrom().item(false);
                        }
                        return record(outbox, message, next, status.error(), status.at().atOffset(ZoneOffset.UTC));
                    });
        }));
    }

    /** Sets the message's status and announces it, in the caller's transaction. */
    static Uni<Boolean> record(Outbox outbox, WhatsAppMessage message, DeliveryStatus next, String reason, OffsetDateTime at) {
        message.status = next.wire();
        message.statusReason = reason;
        message.statusAt = at;
        return Contact.<Contact>findById(message.contactId).chain(contact -> {
            MessageStatusV1 event = new MessageStatusV1(message.orgId, message.id, message.commandId, message.conversationId,
                    message.contactId, contact.waId, message.waMessageId, message.status, reason, message.delivery, at);
            return message.persist().chain(() -> outbox.append(MessageStatusV1.TOPIC, MessageStatusV1.TYPE, message.orgId,
                    message.orgId + ":" + contact.waId, event)).replaceWith(true);
        });
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
