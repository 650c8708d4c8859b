package br.ft9.gateway.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.api.PageResponse;
import br.ft9.common.api.TextSearch;
import br.ft9.common.errors.Conflict;
import br.ft9.common.errors.NotFound;
import br.ft9.common.outbox.Outbox;
import br.ft9.gateway.events.AgentRepliedV1;
import br.ft9.gateway.events.ContactEventV1;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/**
 * The organisation's inbox as its people use it: conversations to read and answer, take over, release,
 * assign and close, and contacts to opt out. Every read and write is bounded by the caller's organisation;
 * another organisation's conversation is simply not found.
 */
@ApplicationScoped
public class Inbox {

    /** A conversation with the contact it is with. */
    public record ConversationView(Conversation conversation, Contact contact) {
    }

    /** A message and the organisation's number it arrived on (null once disconnected). */
    public record MessageSource(WhatsAppMessage message, ChannelRoute route) {
    }

    /** How the list is narrowed: status OPEN/CLOSED/null (all), mode BOT/HUMAN/null, assignee, text in name or number. */
    public record Filter(String status, String mode, UUID assignee, boolean unassigned, String text, String label) {
    }

    private final Conversations conversations;
    private final OutboundQueue queue;
    private final Outbox outbox;
    private final Clock clock;

    public Inbox(Conversations conversations, OutboundQueue queue, Outbox outbox, Clock clock) {
        this.clock = clock;
        this.conversations = conversations;
        this.queue = queue;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<PageResponse<ConversationView>> conversations(UUID orgId, Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder("orgId = :org");
        Parameters parameters = Parameters.with("org", orgId);
        if (filter.status() != null) {
            where.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.mode() != null) {
            where.append(" and mode = :mode");
            parameters.and("mode", filter.mode());
        }
        if (filter.unassigned()) {
            where.append(" and assignedUserId is null");
        } else if (filter.assignee() != null) {
            where.append(" and assignedUserId = :assignee");
            parameters.and("assignee", filter.assignee());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where.append(" and contactId in (select c.id from Contact c where c.orgId = :org and"
                    + " (lower(c.profileName) like :text or c.waId like :text))");
            parameters.and("text", TextSearch.containing(filter.text()));
        }
        if (filter.label() != null) {
            where.append(" and array_contains(labels, :label)");
            parameters.and("label", filter.label());
        }
        PanacheQuery<Conversation> query = Conversation.find(where + " order by lastMessageAt desc, id", parameters);
        return PageResponse.of(query, page, size).chain(found -> withContacts(orgId, found));
    }

    private static Uni<PageResponse<ConversationView>> withContacts(UUID orgId, PageResponse<Conversation> found) {
        List<UUID> ids = found.items().stream().map(c -> c.contactId).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(found.map(c -> new ConversationView(c, null)));
        }
        return Contact.<Contact>list("orgId = ?1 and id in ?2", orgId, ids).map(contacts -> {
            Map<UUID, Contact> byId = contacts.stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
            return found.map(c -> new ConversationView(c, byId.get(c.contactId)));
        });
    }

    /** How many conversations each of the inbox's tabs holds, for one member. */
    public record Counts(long waiting, long mine, long open, long closed) {
    }

    /**
     * The tabs' counts: waiting for a person (handed off, nobody assigned), assigned to this member, open, closed.
     */
    @WithSession
    public Uni<Counts> counts(UUID orgId, UUID userId) {
        return Conversation.count("orgId = ?1 and status = ?2 and mode = ?3 and assignedUserId is null", orgId,
                Conversation.OPEN, Conversation.HUMAN)
                .chain(waiting -> Conversation.count("orgId = ?1 and status = ?2 and assignedUserId = ?3", orgId,
                        Conversation.OPEN, userId)
                        .chain(mine -> Conversation.count("orgId = ?1 and status = ?2", orgId, Conversation.OPEN)
                                .chain(open -> Conversation.count("orgId = ?1 and status = ?2", orgId, Conversation.CLOSED)
                                        .map(closed -> new Counts(waiting, mine, open, closed)))));
    }

    @WithSession
    public Uni<ConversationView> conversation(UUID orgId, UUID id) {
        return view(orgId, id);
    }

    @WithSession
    public Uni<PageResponse<WhatsAppMessage>> messages(UUID orgId, UUID conversationId, int page, int size) {
        return view(orgId, conversationId).chain(view -> PageResponse.of(WhatsAppMessage.<WhatsAppMessage>find(
                "orgId = ?1 and conversationId = ?2 order by sentAt desc, createdAt desc", orgId, conversationId), page, size));
    }

    /**
     * An agent's text reply. A conversation the bot was answering is taken over first, so the bot does not
     * talk over the agent. The message is queued and sent by the same path as every other send command.
     */
    @WithTransaction
    public Uni<WhatsAppMessage> reply(UUID orgId, UUID conversationId, UUID agentId, String text) {
        return view(orgId, conversationId).chain(view -> {
            Conversation conversation = view.conversation();
            Contact contact = view.contact();
            if (!Conversation.OPEN.equals(conversation.status)) {
                throw new Conflict("status", "the conversation is closed");
            }
            if (contact.optedOut) {
                throw new Conflict("optedOut", "the contact opted out of messages");
            }
            if (!OutboundPolicy.withinWindow(contact.lastInboundAt == null ? null : contact.lastInboundAt.toInstant(),
                    clock.instant())) {
                throw new Conflict("text", "outside the 24-hour customer service window: only an approved template may be sent");
            }
            Uni<Conversation> answering = conversation.humanMode() ? Uni.createFrom().item(conversation)
                    : conversations.takeOver(orgId, conversationId, agentId);
            return answering.chain(taken -> queue.text(taken, contact, "agent", text, agentId))
                    .call(message -> outbox.append(AgentRepliedV1.TOPIC, AgentRepliedV1.TYPE, orgId, orgId + ":" + contact.waId,
                            new AgentRepliedV1(orgId, conversationId, contact.id, contact.waId, message.id, agentId, text,
                                    OffsetDateTime.now(clock))));
        });
    }

    @WithTransaction
    public Uni<ConversationView> takeOver(UUID orgId, UUID id, UUID userId) {
        return conversations.takeOver(orgId, id, userId).chain(c -> view(orgId, c.id));
    }

    @WithTransaction
    public Uni<ConversationView> release(UUID orgId, UUID id, UUID userId) {
        return conversations.release(orgId, id, userId).chain(c -> view(orgId, c.id));
    }

    @WithTransaction
    public Uni<ConversationView> assign(UUID orgId, UUID id, UUID assigneeId, UUID userId) {
        return conversations.assign(orgId, id, assigneeId, userId).chain(c -> view(orgId, c.id));
    }

    @WithTransaction
    public Uni<ConversationView> close(UUID orgId, UUID id, UUID userId) {
        return conversations.close(orgId, id, userId).chain(c -> view(orgId, c.id));
    }

    /** Messages that stayed in the local outbox because the suite runs without Meta credentials, newest first. */
    @WithSession
    public Uni<PageResponse<WhatsAppMessage>> localOutbox(UUID orgId, int page, int size) {
        return PageResponse.of(WhatsAppMessage.<WhatsAppMessage>find("orgId = ?1 and delivery = 'local' order by createdAt desc",
                orgId), page, size);
    }

    @WithSession
    public Uni<PageResponse<Contact>> contacts(UUID orgId, String text, int page, int size) {
        if (text == null || text.isBlank()) {
            return PageResponse.of(Contact.<Contact>find("orgId = ?1 and erasedAt is null order by createdAt desc", orgId), page, size);
        }
        return PageResponse.of(Contact.<Contact>find("orgId = ?1 and erasedAt is null and (lower(profileName) like ?2 or waId like ?2)"
                + " order by createdAt desc", orgId, TextSearch.containing(text)), page, size);
    }

    @WithSession
    public Uni<Contact> contact(UUID orgId, UUID id) {
        return contactOf(orgId, id);
    }

    /** Records (or lifts) a contact's opt-out on their behalf; announced like a keyword opt-out. */
    @WithTransaction
    public Uni<Contact> optOut(UUID orgId, UUID id, boolean optedOut, UUID userId) {
        return contactOf(orgId, id).chain(contact -> {
            if (contact.optedOut == optedOut) {
                return Uni.createFrom().item(contact);
            }
            contact.optedOut = optedOut;
            ContactEventV1 event = new ContactEventV1(orgId, contact.id, contact.waId, optedOut, userId,
                    OffsetDateTime.now(clock));
            return contact.<Contact>persist().call(() -> outbox.append(ContactEventV1.TOPIC,
                    optedOut ? ContactEventV1.OPTED_OUT : ContactEventV1.OPTED_IN, orgId, orgId + ":" + contact.waId, event));
        });
    }

    /** The message (of this organisation's conversation) and the number it arrived on: what a media lookup needs. */
    @WithSession
    public Uni<MessageSource> messageWithRoute(UUID orgId, UUID conversationId, UUID messageId) {
        return view(orgId, conversationId).chain(view -> WhatsAppMessage.<WhatsAppMessage>find(
                "id = ?1 and orgId = ?2 and conversationId = ?3", messageId, orgId, conversationId).firstResult()
                .chain(message -> {
                    if (message == null) {
                        throw new NotFound("no message " + messageId + " in this conversation");
                    }
                    return ChannelRoute.<ChannelRoute>find("phoneNumberId = ?1 and orgId = ?2",
                            view.conversation().phoneNumberId, orgId).firstResult()
                            .map(route -> new MessageSource(message, route));
                }));
    }

    private static Uni<Contact> contactOf(UUID orgId, UUID id) {
        return Contact.<Contact>find("id = ?1 and orgId = ?2", id, orgId).firstResult().map(contact -> {
            if (contact == null) {
                throw new NotFound("no contact " + id);
            }
            return contact;
        });
    }

    private static Uni<ConversationView> view(UUID orgId, UUID id) {
        return Conversation.ofOrganization(orgId, id).chain(conversation -> {
            if (conversation == null) {
                throw new NotFound("no conversation " + id);
            }
            return Contact.<Contact>findById(conversation.contactId).map(contact -> new ConversationView(conversation, contact));
        });
    }
}
