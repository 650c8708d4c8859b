package br.ft9.gateway.domain;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.inbox.TransientFailure;
import br.ft9.common.outbox.Outbox;
import br.ft9.common.security.SecretBox;
import br.ft9.gateway.events.MessageStatusV1;
import br.ft9.gateway.events.SendMessageCommandV1;
import br.ft9.gateway.infra.GraphApiException;
import br.ft9.gateway.infra.GraphMessages;
import br.ft9.gateway.infra.GraphSender;
import br.ft9.gateway.infra.SendRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Carries out send commands, once per command id: records the message, applies the sending rules
 * (window, opt-out, hand-off), waits for the number's rate limit, calls the Graph API (or, without Meta
 * credentials, keeps the message in the local outbox) and records and announces the outcome.
 * A message is claimed before it is sent, so a redelivered command never sends it twice.
 */
@ApplicationScoped
public class OutboundMessages {

    private static final Logger LOG = Logger.getLogger(OutboundMessages.class);
    public static final String GRAPH = "graph";
    public static final String LOCAL = "local";

    private final Outbox outbox;
    private final Conversations conversations;
    private final GraphSender graph;
    private final SendRateLimiter rateLimiter;
    private final SecretBox tokens;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final String delivery;

    public OutboundMessages(Outbox outbox, Conversations conversations, GraphSender graph, SendRateLimiter rateLimiter,
            SecretBox tokens, ObjectMapper json, MeterRegistry meters,
            @ConfigProperty(name = "ft9.whatsapp.outbound-delivery") String delivery) {
        this.outbox = outbox;
        this.conversations = conversations;
        this.graph = graph;
        this.rateLimiter = rateLimiter;
        this.tokens = tokens;
        this.json = json;
        this.meters = meters;
        this.delivery = LOCAL.equalsIgnoreCase(delivery) ? LOCAL : GRAPH;
    }

    /** Where outbound messages go: the Graph API, or the local outbox when the suite runs without Meta credentials. */
    public String delivery() {
        return delivery;
    }

    /** What is needed to send a claimed message, read inside the transaction that claimed it. */
    private record Dispatch(UUID messageId, String phoneNumberId, String sealedToken, String to, SendRequest request) {
    }

    public Uni<Void> handle(SendMessageCommandV1 command) {
        if (command.commandId() == null || command.orgId() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("a send command needs commandId and orgId"));
        }
        return Panache.withTransaction(() -> claim(command))
                .chain(dispatch -> dispatch == null ? Uni.createFrom().voidItem() : deliver(dispatch));
    }

    private Uni<Dispatch> claim(SendMessageCommandV1 command) {
        return contact(command).chain(contact -> {
            if (contact == null) {
                LOG.warnf("send command %s names no contact of organisation %s; not sent", command.commandId(), command.orgId());
                count("unknown_contact");
                return outbox.append(MessageStatusV1.TOPIC, MessageStatusV1.TYPE, command.orgId(),
                        new MessageStatusV1(command.orgId(), null, command.commandId(), command.conversationId(),
                                command.contactId(), command.waId(), null, DeliveryStatus.FAILED.wire(),
                                "the command names no contact of the organisation", null, DeliveryStatuses.now()))
                        .replaceWith((Dispatch) null);
            }
            return conversation(command, contact).chain(conversation -> insertQueued(command, contact, conversation)
                    .chain(() -> WhatsAppMessage.update("status = ?1 where orgId = ?2 and commandId = ?3 and status = ?4",
                            DeliveryStatus.SENDING.wire(), command.orgId(), command.commandId(), DeliveryStatus.QUEUED.wire()))
                    .chain(claimed -> claimed == 0 ? Uni.createFrom().nullItem() // sent (or refused) before
                            : WhatsAppMessage.<WhatsAppMessage>find("orgId = ?1 and commandId = ?2", command.orgId(),
                                    command.commandId()).firstResult()
                                    .chain(message -> decide(command, contact, conversation, message))));
        });
    }

    private Uni<Dispatch> decide(SendMessageCommandV1 command, Contact contact, Conversation conversation,
            WhatsAppMessage message) {
        SendRequest request = command.request();
        String phoneNumberId = command.phoneNumberId() != null ? command.phoneNumberId() : conversation.phoneNumberId;
        return KnownOrganization.<KnownOrganization>findById(command.orgId()).chain(organization -> route(command.orgId(),
                phoneNumberId).chain(route -> cameWhilePersonHadIt(command).chain(cameToPerson -> {
                    boolean active = organization == null || "ACTIVE".equals(organization.status);
                    Instant lastInbound = contact.lastInboundAt == null ? null : contact.lastInboundAt.toInstant();
                    // A reply to a message that came while a person had the conversation counts as the person's time,
                    // even if they gave the conversation back before the reply was ready.
                    OutboundPolicy.Decision decision = OutboundPolicy.decide(request, new OutboundPolicy.Situation(active,
                            contact.optedOut, lastInbound, conversation.humanMode() || cameToPerson), Instant.now());
                    if (decision instanceof OutboundPolicy.Refuse refuse) {
                        return settle(message, DeliveryStatus.FAILED, refuse.reason());
                    }
                    if (decision instanceof OutboundPolicy.Suppress suppress) {
                        return settle(message, DeliveryStatus.SUPPRESSED, suppress.reason());
                    }
                    if (route == null && GRAPH.equals(delivery)) {
                        return settle(message, DeliveryStatus.FAILED, "the organisation has no connected WhatsApp number");
                    }
                    message.delivery = delivery;
                    conversation.touch(DeliveryStatuses.now(), request.preview());
                    return conversation.persist().replaceWith(new Dispatch(message.id,
                            route == null ? phoneNumberId : route.phoneNumberId,
                            route == null ? null : route.accessTokenSealed, contact.waId, request));
                })));
    }

    /** Whether the message this command answers arrived while a person had the conversation. */
    private static Uni<Boolean> cameWhilePersonHadIt(SendMessageCommandV1 command) {
        if (command.inReplyToMessageId() == null) {
            return Uni.createFrom().item(false);
        }
        return WhatsAppMessage.<WhatsAppMessage>find("id = ?1 and orgId = ?2", command.inReplyToMessageId(), command.orgId())
                .firstResult().map(answered -> answered != null && "HUMAN".equals(answered.conversationMode));
    }

    private Uni<Dispatch> settle(WhatsAppMessage message, DeliveryStatus status, String reason) {
        count(status.wire());
        return DeliveryStatuses.record(outbox, message, status, reason, DeliveryStatuses.now()).replaceWith((Dispatch) null);
    }

    private Uni<Void> deliver(Dispatch dispatch) {
        if (LOCAL.equals(delivery)) {
            return finish(dispatch.messageId(), null, DeliveryStatus.ACCEPTED, null);
        }
        return rateLimiter.acquire(dispatch.phoneNumberId())
                .chain(() -> graph.send(dispatch.phoneNumberId(), tokens.decrypt(dispatch.sealedToken()),
                        GraphMessages.body(dispatch.request(), dispatch.to())))
                .onItemOrFailure().transformToUni((waMessageId, failure) -> {
                    if (failure == null) {
                        return finish(dispatch.messageId(), waMessageId, DeliveryStatus.ACCEPTED, null);
                    }
                    if (didNotLeave(failure)) {
                        return putBack(dispatch.messageId(), failure);
                    }
                    return finish(dispatch.messageId(), null, DeliveryStatus.FAILED, reason(failure));
                });
    }

    /**
     * Meta answered "later" (5xx, its unavailable codes, throttling) or could not be reached, or the circuit is open:
     * the message surely did not leave. (A timeout is not here: Meta may have taken it, and a patient must not get it
     * twice.)
     */
    private static boolean didNotLeave(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GraphApiException.Unavailable || t instanceof GraphApiException.Throttled
                    || t instanceof CircuitBreakerOpenException || t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Back to queued, and the command fails for now: the consumer holds it and applies it again with a growing wait
     * (common's CloudEventInbox), which claims the message again and sends it once Meta takes it. An outage of Meta
     * delays replies instead of losing them.
     */
    private Uni<Void> putBack(UUID messageId, Throwable failure) {
        count("deferred");
        return Panache.withTransaction(() -> WhatsAppMessage.update("status = ?1 where id = ?2 and status = ?3",
                DeliveryStatus.QUEUED.wire(), messageId, DeliveryStatus.SENDING.wire()))
                .chain(() -> Uni.createFrom().failure(new TransientFailure("Meta did not take the message: " + reason(failure),
                        failure)));
    }

    private Uni<Void> finish(UUID messageId, String waMessageId, DeliveryStatus status, String reason) {
        count(status.wire());
        return Panache.withTransaction(() -> WhatsAppMessage.<WhatsAppMessage>findById(messageId).chain(message -> {
            message.waMessageId = waMessageId;
            return DeliveryStatuses.record(outbox, message, status, reason, DeliveryStatuses.now());
        })).replaceWithVoid();
    }

    private static String reason(Throwable failure) {
        if (failure instanceof GraphApiException graphFailure) {
            return graphFailure.getMessage();
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "the Graph API has been failing; sending is paused for a few seconds";
        }
        if (failure instanceof TimeoutException || failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            return "the Graph API did not answer in time";
        }
        LOG.warnf(failure, "sending failed");
        return "the Graph API could not be reached: " + failure.getClass().getSimpleName();
    }

    private Uni<Contact> contact(SendMessageCommandV1 command) {
        if (command.contactId() != null) {
            return Contact.find("id = ?1 and orgId = ?2", command.contactId(), command.orgId()).firstResult();
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
                    contact.createdAt = DeliveryStatuses.now();
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
            return route(command.orgId(), command.phoneNumberId()).chain(route -> conversations.openFor(command.orgId(),
                    contact.id, route != null ? route.phoneNumberId : command.phoneNumberId() != null ? command.phoneNumberId() : "",
                    DeliveryStatuses.now(), command.request().preview()));
        });
    }

    /** The organisation's number to send from: the one named, else any of its numbers. Never another organisation's. */
    private static Uni<ChannelRoute> route(UUID orgId, String phoneNumberId) {
        if (phoneNumberId != null && !phoneNumberId.isEmpty()) {
            return ChannelRoute.find("phoneNumberId = ?1 and orgId = ?2", phoneNumberId, orgId).firstResult();
        }
        return ChannelRoute.find("orgId = ?1 order by updatedAt desc", orgId).firstResult();
    }

    private Uni<Integer> insertQueued(SendMessageCommandV1 command, Contact contact, Conversation conversation) {
        String payload;
        try {
            payload = json.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        SendRequest request = command.request();
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into message (id, org_id, contact_id, conversation_id, direction, command_id, type,"
                        + " text, payload, status, origin, sent_by_user_id, in_reply_to_message_id, sent_at, created_at) values (:id,"
                        + " :org, :contact, :conversation, 'OUT', :command, :type, :text, :payload, 'queued', :origin, :by,"
                        + " :inReplyTo, now(), now())"
                        + " on conflict (org_id, command_id) do nothing")
                .setParameter("id", UUID.randomUUID())
                .setParameter("org", command.orgId())
                .setParameter("contact", contact.id)
                .setParameter("conversation", conversation.id)
                .setParameter("command", command.commandId())
                .setParameter("type", request.kind() == null ? "unknown" : request.kind().name().toLowerCase())
                .setParameter("text", request.preview())
                .setParameter("payload", payload)
                .setParameter("origin", command.origin() == null ? "unknown" : command.origin().toLowerCase())
                .setParameter("by", command.requestedBy())
                .setParameter("inReplyTo", command.inReplyToMessageId())
                .executeUpdate());
    }

    private void count(String outcome) {
        meters.counter("ft9.whatsapp.outbound.messages", "outcome", outcome).increment();
    }
}
