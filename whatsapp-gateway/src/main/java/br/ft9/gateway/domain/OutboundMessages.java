package br.ft9.gateway.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.CloudEventInbox;
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
    private final GatewaySettings settings;

    public OutboundMessages(Conversations conversations, Delivery delivery, MessageStore store, ObjectMapper json,
            MeterRegistry meters, DeliveryStatuses statuses, Clock clock, GatewaySettings settings) {
        this.clock = clock;
        this.settings = settings;
        this.statuses = statuses;
        this.conversations = conversations;
        this.delivery = delivery;
        this.store = store;
        this.json = json;
        this.meters = meters;
    }

    /** A command of a batch, and how to run its delivery in its own record's trace (the Graph call continues it). */
    public record Together(SendMessageCommandV1 command, Function<Supplier<Uni<Delivery.Result>>, Uni<Delivery.Result>> inItsTrace) {
    }

    /** A claimed message of a batch, on its way. */
    private record Sending(Together together, Delivery.Dispatch dispatch) {
    }

    /** How a delivered message went, to be recorded with the batch's others. */
    private record Outcome(Delivery.Dispatch dispatch, String waMessageId, DeliveryStatus status, String reason) {
    }

    /**
     * Send commands read together (a batch of one partition, in its order): their messages claimed in one transaction,
     * handed to the delivery one after another, and their outcomes recorded in one transaction, so that under load a
     * commit carries many messages rather than each message two. What one command at a time guarantees still holds:
     * each message sent once, a conversation's in order. A message Meta did not take goes back to queued with every one
     * claimed after it, and the batch fails for now: it is held and applied again, and what left is not claimed again. So
     * does the rest of a batch still delivering after half the time in which a sending message is taken for an
     * interrupted one (Meta slow to answer), so that no message waiting its turn is marked interrupted.
     */
    public Uni<Void> handleTogether(List<Together> commands) {
        for (Together one : commands) {
            if (one.command().commandId() == null || one.command().orgId() == null) {
                return Uni.createFrom().failure(new IllegalArgumentException("a send command needs commandId and orgId"));
            }
        }
        List<Sending> claimed = new ArrayList<>();
        Instant claimedAt = clock.instant();
        return Panache.withTransaction(() -> Multi.createFrom().iterable(commands).onItem()
                .transformToUniAndConcatenate(one -> claim(one.command()).invoke(dispatch -> {
                    if (dispatch != null) { // null: sent (or refused) before, or refused now
                        claimed.add(new Sending(one, dispatch));
                    }
                }).replaceWith(Boolean.TRUE))
                .collect().asList())
                .chain(() -> deliverFrom(claimed, 0, new ArrayList<>(), claimedAt));
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

    /** Delivers the claimed messages from {@code next} on, in order, then records how they went. */
    private Uni<Void> deliverFrom(List<Sending> claimed, int next, List<Outcome> outcomes, Instant claimedAt) {
        if (next == claimed.size()) {
            return record(outcomes, List.of());
        }
        if (next > 0 && clock.instant().isAfter(claimedAt.plus(settings.interruptedSendAfter().dividedBy(2)))) {
            return record(outcomes, idsFrom(claimed, next)).chain(() -> Uni.createFrom().failure(new TransientFailure(
                    "the delivery of a batch of messages took long: the rest of it is claimed again", null)));
        }
        Sending sending = claimed.get(next);
        Delivery.Dispatch dispatch = sending.dispatch();
        return sending.together().inItsTrace().apply(() -> delivery.deliver(dispatch))
                // Whether a message that failed this way left is not known: it stays sending, as alone; the rest goes back.
                .onFailure().call(() -> record(outcomes, idsFrom(claimed, next + 1)))
                .chain(result -> {
                    if (result instanceof Delivery.DidNotLeave later) {
                        return putBack(outcomes, idsFrom(claimed, next), later);
                    }
                    outcomes.add(result instanceof Delivery.Accepted accepted
                            ? new Outcome(dispatch, accepted.waMessageId(), DeliveryStatus.ACCEPTED, null)
                            : new Outcome(dispatch, null, DeliveryStatus.FAILED, ((Delivery.Failed) result).reason()));
                    return deliverFrom(claimed, next + 1, outcomes, claimedAt);
                });
    }

    /** The ids of the claimed messages from {@code from} on: those to put back (read only when some go back). */
    private static List<UUID> idsFrom(List<Sending> claimed, int from) {
        return claimed.subList(from, claimed.size()).stream().map(sending -> sending.dispatch().messageId()).toList();
    }

    /**
     * Back to queued, with the messages after it, and the command fails for now: the consumer holds it and applies it again
     * with a growing wait (common's CloudEventInbox), which claims the messages again and sends them once Meta takes
     * them. An outage of Meta delays replies instead of losing them.
     */
    private Uni<Void> putBack(List<Outcome> outcomes, List<UUID> rest, Delivery.DidNotLeave later) {
        count("deferred");
        return record(outcomes, rest).chain(() -> Uni.createFrom().failure(new TransientFailure(
                "Meta did not take the message: " + later.reason(), later.cause())));
    }

    /**
     * In one transaction: the outcomes of the hand-over to the delivery, each with the delivery's name in one update of its
     * message, and the messages put back to queued. Held while PostgreSQL is away, since what left is known only here and
     * what did not leave is claimed again only once it is back to queued. When the transaction fails for a reason of its
     * own, the batch is recorded apart ({@link #recordApart}).
     */
    private Uni<Void> record(List<Outcome> outcomes, List<UUID> putBack) {
        if (outcomes.isEmpty() && putBack.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return heldTransaction(() -> Multi.createFrom().iterable(outcomes)
                .onItem().transformToUniAndConcatenate(outcome -> recordOne(outcome).replaceWith(Boolean.TRUE))
                .collect().asList()
                .chain(() -> putBackNow(putBack)), "the record of a batch of " + outcomes.size() + " sent messages")
                .invoke(() -> outcomes.forEach(outcome -> count(outcome.status().wire())))
                .onFailure(failure -> !CloudEventInbox.isTransient(failure))
                .recoverWithUni(failure -> recordApart(outcomes, putBack, failure));
    }

    /**
     * The batch's record when it cannot be committed whole: first the messages that did not leave back to queued on their
     * own, so that they are claimed again and sent rather than taken for interrupted, then each outcome in a transaction
     * of its own. An outcome that still cannot be recorded leaves its message sending, which the interrupted check reports
     * as perhaps not sent; it is never sent again.
     */
    private Uni<Void> recordApart(List<Outcome> outcomes, List<UUID> putBack, Throwable why) {
        // The reason's class only: a constraint's message may quote the data.
        LOG.warnf("the record of a batch of %d sent messages failed (%s): its messages are recorded one by one",
                outcomes.size(), why.getClass().getSimpleName());
        Uni<Void> back = putBack.isEmpty() ? Uni.createFrom().voidItem()
                : heldTransaction(() -> putBackNow(putBack), "putting back " + putBack.size() + " messages not sent");
        return back.chain(() -> Multi.createFrom().iterable(outcomes).onItem().transformToUniAndConcatenate(outcome ->
                        heldTransaction(() -> recordOne(outcome), "the record of a sent message")
                        .invoke(() -> count(outcome.status().wire())).replaceWith(Boolean.TRUE)
                        .onFailure(failure -> !CloudEventInbox.isTransient(failure)).recoverWithItem(failure -> {
                            LOG.warnf("message %s: its outcome (%s) could not be recorded (%s); it stays sending",
                                    outcome.dispatch().messageId(), outcome.status().wire(), failure.getClass().getSimpleName());
                            return Boolean.FALSE;
                        }))
                        .collect().asList().replaceWithVoid());
    }

    /** A transaction tried again, each time anew, while the infrastructure is away (as a consumer holds its record). */
    private static Uni<Void> heldTransaction(Supplier<Uni<Void>> work, String what) {
        return CloudEventInbox.heldForTheInfrastructure(Uni.createFrom().deferred(() -> Panache.withTransaction(work)), what);
    }

    private Uni<Void> recordOne(Outcome outcome) {
        return statuses.recordOutcome(outcome.dispatch().messageId(), outcome.waMessageId(), delivery.name(), outcome.status(),
                outcome.reason(), outcome.dispatch().to());
    }

    private static Uni<Void> putBackNow(List<UUID> putBack) {
        return putBack.isEmpty() ? Uni.createFrom().voidItem()
                : WhatsAppMessage.update("status = ?1 where id in ?2 and status = ?3", DeliveryStatus.QUEUED.wire(), putBack,
                        DeliveryStatus.SENDING.wire()).replaceWithVoid();
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
