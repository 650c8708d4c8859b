package br.ft9.gateway.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.outbox.Outbox;
import br.ft9.common.sql.GroupCommit;
import br.ft9.gateway.events.ContactEventV1;
import br.ft9.gateway.events.MessageReceivedV1;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Keeps each message a contact sent, once, in the contact's open conversation, and announces it through
 * the outbox in the same transaction: a crash after the commit still publishes it, and Meta's
 * re-delivery stores nothing new. "SAIR"/"STOP" (alone) opt the contact out instead of being answered.
 * Messages of webhooks arriving at once are stored in one transaction ({@link GroupCommit}); each webhook is
 * answered after the commit holding its messages.
 */
@ApplicationScoped
public class InboundMessages {

    /** A message routed to its organisation, with the trace of the webhook that brought it (its event continues it). */
    private record Delivered(UUID orgId, WebhookPayload.Inbound inbound, Context trace) {
    }

    /**
     * Contacts' rows are locked in one order (organisation, then contact; a contact's own messages in arrival order), so
     * groups committing side by side, here or in another replica, cannot deadlock on them.
     */
    private static final Comparator<Delivered> LOCK_ORDER = Comparator.comparing(Delivered::orgId)
            .thenComparing(delivered -> delivered.inbound().waId());

    private final Outbox outbox;
    private final MessageStore messages;
    private final NumberRoutes routes;
    private final Clock clock;
    private final GroupCommit<Delivered, Boolean> commits;

    public InboundMessages(Outbox outbox, MessageStore messages, NumberRoutes routes, GatewaySettings settings, Vertx vertx,
            Clock clock) {
        this.clock = clock;
        this.messages = messages;
        this.outbox = outbox;
        this.routes = routes;
        this.commits = new GroupCommit<>(vertx, "inbound messages", settings.ingestGroupLargest(), settings.ingestCommitsInFlight(),
                this::storeTogether);
    }

    /**
     * Takes no new message; answers when every webhook in flight has been answered after its commit. One arriving
     * now gets a 503, and Meta sends it again.
     */
    public CompletionStage<Void> stop() {
        return commits.stop();
    }

    /** Stores and announces every new message of the notification; answers how many were new. */
    public Uni<Integer> accept(WebhookPayload.Parsed payload) {
        // The routes are looked up first, one after another: a kept copy needs no session, a dropped message opens no
        // transaction, and a miss reads in its own session.
        return Multi.createFrom().iterable(payload.messages())
                .onItem().transformToUniAndConcatenate(inbound -> routes.forDelivery("a message", inbound.phoneNumberId(),
                        inbound.wabaId()).map(route -> new Delivered(route.orgId(), inbound, Context.current())))
                .collect().asList()
                .chain(this::storeAll);
    }

    private Uni<Integer> storeAll(List<Delivered> delivered) {
        List<Uni<Boolean>> stored = delivered.stream().filter(one -> one.orgId() != null).map(commits::submit).toList();
        if (stored.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Uni.join().all(stored).andCollectFailures()
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
    }

    /**
     * One group's messages in one transaction, in {@link #LOCK_ORDER}: every message's statement is sent at once (the
     * connection pipelines them; the server runs them in order), then the new ones are announced, their outbox rows
     * written at the commit. Answers whether each was new, in the group's order.
     */
    private Uni<List<Boolean>> storeTogether(List<Delivered> group) {
        List<Delivered> ordered = new ArrayList<>(group);
        ordered.sort(LOCK_ORDER);
        List<MessageStore.Arriving> arriving = ordered.stream().map(InboundMessages::arriving).toList();
        return Panache.withTransaction(() -> Uni.join().all(arriving.stream().map(this::record).toList()).andFailFast()
                .chain(recorded -> Multi.createFrom().range(0, ordered.size())
                        .onItem().transformToUniAndConcatenate(i -> announceIfNew(ordered.get(i), arriving.get(i),
                                recorded.get(i).orElse(null)))
                        .collect().asList()))
                .map(fresh -> {
                    // back in the group's order; a delivery repeated within the group is a distinct item
                    IdentityHashMap<Delivered, Boolean> byDelivery = new IdentityHashMap<>();
                    for (int i = 0; i < ordered.size(); i++) {
                        byDelivery.put(ordered.get(i), fresh.get(i));
                    }
                    return group.stream().map(byDelivery::get).toList();
                });
    }

    private static MessageStore.Arriving arriving(Delivered delivered) {
        WebhookPayload.Inbound inbound = delivered.inbound();
        return new MessageStore.Arriving(UUID.randomUUID(), delivered.orgId(), inbound.waId(), inbound.profileName(),
                inbound.phoneNumberId(), inbound.waMessageId(), inbound.type(), inbound.text(), inbound.raw(),
                inbound.sentAt().atOffset(ZoneOffset.UTC), Conversation.listed(preview(inbound)));
    }

    private Uni<Optional<MessageStore.Recorded>> record(MessageStore.Arriving arriving) {
        return messages.recordInbound(arriving).map(Optional::ofNullable);
    }

    /**
     * A redelivery by Meta (nothing recorded) is counted on the message (its journey shows it) and changes nothing else;
     * a concurrent delivery of the same message that won is not announced again.
     */
    private Uni<Boolean> announceIfNew(Delivered delivered, MessageStore.Arriving arriving, MessageStore.Recorded recorded) {
        if (recorded == null || !recorded.fresh()) {
            return Uni.createFrom().item(false);
        }
        try (Scope ignored = delivered.trace().makeCurrent()) { // the outbox keeps the webhook's trace with the event
            return announce(delivered.orgId(), delivered.inbound(), arriving, recorded).replaceWith(true);
        }
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
        ContactEventV1 event = new ContactEventV1(orgId, contactId, waId, optedOut, null, OffsetDateTime.now(clock));
        return Contact.update("optedOut = ?1 where id = ?2 and orgId = ?3", optedOut, contactId, orgId)
                .chain(() -> outbox.append(ContactEventV1.TOPIC, optedOut ? ContactEventV1.OPTED_OUT : ContactEventV1.OPTED_IN,
                        orgId, orgId + ":" + waId, event)).replaceWithVoid();
    }

    private static String preview(WebhookPayload.Inbound inbound) {
        return inbound.text() != null ? inbound.text() : "[" + inbound.type() + "]";
    }
}
