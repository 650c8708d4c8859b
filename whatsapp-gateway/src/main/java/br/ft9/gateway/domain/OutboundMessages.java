package br.ft9.gateway.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.TransientFailure;
import br.ft9.gateway.events.SendMessageCommandV1;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Carries out send commands, once per command id: records the message, applies the sending rules
 * (window, opt-out, hand-off), gives the message to the {@link Delivery} (the Graph API, or the local outbox
 * without Meta credentials) and records the outcome (announced too when status events are on, see
 * {@link DeliveryStatuses}).
 * A message is claimed before it is sent, so a redelivered command never sends it twice.
 */
@ApplicationScoped
public class OutboundMessages {

    private static final Logger LOG = Logger.getLogger(OutboundMessages.class);
    static final String INTERRUPTED = "the gateway stopped while sending it: it may not have reached the contact";

    private final Conversations conversations;
    private final Delivery delivery;
    private final MessageStore store;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final DeliveryStatuses statuses;
    private final Clock clock;

    public OutboundMessages(Conversations conversations, Delivery delivery, MessageStore store, ObjectMapper json,
            MeterRegistry meters, DeliveryStatuses statuses, Clock clock) {
        this.clock = clock;
        this.statuses = statuses;
        this.conversations = conversations;
        this.delivery = delivery;
        this.store = store;
        this.json = json;
        this.meters = meters;
    }

    public Uni<Void> handle(SendMessageCommandV1 command) {
        if (command.commandId() == null || command.orgId() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("a send command needs commandId and orgId"));
        }
        return Panache.withTransaction(() -> claim(command))
                .chain(dispatch -> dispatch == null ? Uni.createFrom().voidItem() : deliver(dispatch));
    }

    private Uni<Delivery.Dispatch> claim(SendMessageCommandV1 command) {
        return contact(command).chain(contact -> {
            if (contact == null) {
                LOG.warnf("send command %s names no contact of organisation %s; not sent", command.commandId(), command.orgId());
                count("unknown_contact");
                return statuses.recordUnsent(command.orgId(), command.commandId(), command.conversationId(),
                        command.contactId(), command.waId(), "the command names no contact of the organisation")
                        .replaceWith((Delivery.Dispatch) null);
            }
            return conversation(command, contact).chain(conversation -> {
                String phoneNumberId = command.phoneNumberId() != null ? command.phoneNumberId() : conversation.phoneNumberId;
                return claimMessage(command, contact, conversation, phoneNumberId).chain(claimed -> claimed == null
                        ? Uni.createFrom().nullItem() // sent (or refused) before
                        : decide(command, contact, conversation, phoneNumberId, claimed));
            });
        });
    }

    private Uni<Delivery.Dispatch> decide(SendMessageCommandV1 command, Contact contact, Conversation conversation,
            String phoneNumberId, MessageStore.Claimed claimed) {
        SendRequest request = command.request();
        boolean active = claimed.organizationStatus() == null || "ACTIVE".equals(claimed.organizationStatus());
        Instant lastInbound = contact.lastInboundAt == null ? null : contact.lastInboundAt.toInstant();
        // A reply to a message that came while a person had the conversation counts as the person's time,
        // even if they gave the conversation back before the reply was ready.
        OutboundPolicy.Decision decision = OutboundPolicy.decide(request, new OutboundPolicy.Situation(active,
                contact.optedOut, lastInbound, conversation.humanMode() || claimed.answersMessageAPersonHad()), clock.instant());
        if (decision instanceof OutboundPolicy.Refuse refuse) {
            return settle(claimed.messageId(), contact, DeliveryStatus.FAILED, refuse.reason());
        }
        if (decision instanceof OutboundPolicy.Suppress suppress) {
            return settle(claimed.messageId(), contact, DeliveryStatus.SUPPRESSED, suppress.reason());
        }
        MessageStore.Route route = claimed.route();
        if (route == null && delivery.needsConnectedNumber()) {
            return settle(claimed.messageId(), contact, DeliveryStatus.FAILED, "the organisation has no connected WhatsApp number");
        }
        conversation.touch(OffsetDateTime.now(clock), request.preview());
        return conversation.persist().replaceWith(new Delivery.Dispatch(claimed.messageId(),
                route == null ? phoneNumberId : route.phoneNumberId(), route == null ? null : route.accessTokenSealed(),
                contact.waId, request));
    }

    /**
     * Messages whose sender stopped between the claim and Meta's answer (claimed longer ago than {@code after}) are marked
     * failed with why, each in a transaction of its own, so the team sees a reply that may not have left instead of one
     * sending for ever; never sent again, since Meta may have taken it. How many.
     */
    public Uni<Integer> failInterrupted(Duration after) {
        return store.interruptedSends(after, 100).chain(ids -> Multi.createFrom().iterable(ids).onItem()
                .transformToUniAndConcatenate(id -> Panache.withTransaction(() -> WhatsAppMessage.<WhatsAppMessage>findById(id)
                        .chain(message -> message == null || !DeliveryStatus.SENDING.wire().equals(message.status)
                                ? Uni.createFrom().item(false)
                                : statuses.record(message, DeliveryStatus.FAILED, INTERRUPTED, OffsetDateTime.now(clock), null)
                                        .invoke(() -> count("interrupted")))))
                .filter(Boolean::booleanValue).collect().asList().map(List::size));
    }

    /** A claimed message that will not leave: its status and why (refusals are rare, so the message is read for it). */
    private Uni<Delivery.Dispatch> settle(UUID messageId, Contact contact, DeliveryStatus status, String reason) {
        count(status.wire());
        return WhatsAppMessage.<WhatsAppMessage>findById(messageId)
                .chain(message -> statuses.record(message, status, reason, OffsetDateTime.now(clock), contact.waId))
                .replaceWith((Delivery.Dispatch) null);
    }

    private Uni<Void> deliver(Delivery.Dispatch dispatch) {
        return delivery.deliver(dispatch).chain(result -> {
            if (result instanceof Delivery.Accepted accepted) {
                return finish(dispatch, accepted.waMessageId(), DeliveryStatus.ACCEPTED, null);
            }
            if (result instanceof Delivery.DidNotLeave later) {
                return putBack(dispatch.messageId(), later);
            }
            return finish(dispatch, null, DeliveryStatus.FAILED, ((Delivery.Failed) result).reason());
        });
    }

    /**
     * Back to queued, and the command fails for now: the consumer holds it and applies it again with a growing wait
     * (common's CloudEventInbox), which claims the message again and sends it once Meta takes it. An outage of Meta
     * delays replies instead of losing them.
     */
    private Uni<Void> putBack(UUID messageId, Delivery.DidNotLeave later) {
        count("deferred");
        return Panache.withTransaction(() -> WhatsAppMessage.update("status = ?1 where id = ?2 and status = ?3",
                DeliveryStatus.QUEUED.wire(), messageId, DeliveryStatus.SENDING.wire()))
                .chain(() -> Uni.createFrom().failure(new TransientFailure("Meta did not take the message: " + later.reason(),
                        later.cause())));
    }

    /** The outcome of the hand-over to the delivery, with the delivery's name, in one update of the message. */
    private Uni<Void> finish(Delivery.Dispatch dispatch, String waMessageId, DeliveryStatus status, String reason) {
        count(status.wire());
        return Panache.withTransaction(() -> statuses.recordOutcome(dispatch.messageId(), waMessageId, delivery.name(), status,
                reason, dispatch.to()));
    }

    private Uni<Contact> contact(SendMessageCommandV1 command) {
        if (command.contactId() != null) {
            // An erased contact is nobody to write to: the command names no contact any more.
            return Contact.find("id = ?1 and orgId = ?2 and erasedAt is null", command.contactId(), command.orgId()).firstResult();
        }
        if (command.waId() == null || !command.waId().matches("\\d{8,15}")) {
            return Uni.createFrom().nullItem();
        }
        // A template may open a conversation with someone who never wrote: the contact is created.
        return Contact.<Contact>find("orgId = ?1 and waId = ?2", command.orgId(), command.waId()).firstResult()
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(existing);
                    }
                    Contact contact = new Contact();
                    contact.id = UUID.randomUUID();
                    contact.orgId = command.orgId();
                    contact.waId = command.waId();
                    contact.createdAt = OffsetDateTime.now(clock);
                    return contact.<Contact>persistAndFlush();
                });
    }

    private Uni<Conversation> conversation(SendMessageCommandV1 command, Contact contact) {
        Uni<Conversation> named = command.conversationId() == null ? Conversation.openOf(command.orgId(), contact.id)
                : Conversation.ofOrganization(command.orgId(), command.conversationId());
        return named.chain(conversation -> {
            if (conversation != null) {
                return Uni.createFrom().item(conversation);
            }
            return store.route(command.orgId(), command.phoneNumberId()).chain(route -> conversations.openFor(command.orgId(),
                    contact.id, route != null ? route.phoneNumberId() : command.phoneNumberId() != null ? command.phoneNumberId() : "",
                    OffsetDateTime.now(clock), command.request().preview()));
        });
    }

    private Uni<MessageStore.Claimed> claimMessage(SendMessageCommandV1 command, Contact contact, Conversation conversation,
            String phoneNumberId) {
        String payload;
        try {
            payload = json.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        SendRequest request = command.request();
        return store.claim(new MessageStore.Queued(command.orgId(), contact.id, conversation.id, command.commandId(),
                request.kind() == null ? "unknown" : request.kind().name().toLowerCase(), request.preview(), payload,
                command.origin() == null ? "unknown" : command.origin().toLowerCase(), command.requestedBy(),
                command.inReplyToMessageId()), phoneNumberId);
    }

    private void count(String outcome) {
        meters.counter("ft9.whatsapp.outbound.messages", "outcome", outcome).increment();
    }
}
