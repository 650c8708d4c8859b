package br.ft9.gateway.domain;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.errors.Conflict;
import br.ft9.common.errors.InvalidField;
import br.ft9.common.security.SecretBox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Approved templates in a conversation: which ones the conversation's number may send, and an agent sending one (the
 * only kind of message WhatsApp lets a business send once the contact's 24-hour window has closed).
 */
@ApplicationScoped
public class ConversationTemplates {

    /** A template's values are kept to what WhatsApp takes for a body parameter. */
    static final int VALUE_CHARS = 1024;

    private final Inbox inbox;
    private final Conversations conversations;
    private final OutboundQueue queue;
    private final TemplateCatalog catalog;
    private final SecretBox tokens;

    public ConversationTemplates(Inbox inbox, Conversations conversations, OutboundQueue queue, TemplateCatalog catalog,
            SecretBox tokens) {
        this.inbox = inbox;
        this.conversations = conversations;
        this.queue = queue;
        this.catalog = catalog;
        this.tokens = tokens;
    }

    /** The approved templates of the business account the conversation's number belongs to. */
    public Uni<List<MessageTemplate>> available(UUID orgId, UUID conversationId) {
        return Panache.withSession(() -> inbox.conversation(orgId, conversationId)
                .chain(view -> ChannelRoute.<ChannelRoute>find("phoneNumberId = ?1 and orgId = ?2", view.conversation().phoneNumberId,
                        orgId).<ChannelRoute>firstResult()))
                .chain(route -> {
                    if (route == null) {
                        throw new Conflict("phoneNumberId", "the conversation's number is no longer connected");
                    }
                    return catalog.approved(route.wabaId, tokens.decrypt(route.accessTokenSealed));
                });
    }

    /**
     * An agent sends an approved template with its values: checked against the account's templates (name, language,
     * number of values), then queued like a reply. A conversation the bot was answering is taken over first.
     */
    public Uni<WhatsAppMessage> send(UUID orgId, UUID conversationId, UUID agentId, String name, String language, List<String> values) {
        List<String> given = values == null ? List.of() : values;
        if (given.stream().anyMatch(v -> v == null || v.isBlank() || v.length() > VALUE_CHARS)) {
            throw new InvalidField("parameters", "each value is 1 to " + VALUE_CHARS + " characters");
        }
        return available(orgId, conversationId).chain(templates -> {
            MessageTemplate template = templates.stream().filter(t -> t.name().equals(name) && t.language().equals(language))
                    .findFirst().orElseThrow(() -> new InvalidField("name", "no approved template " + name + " in " + language
                            + " for this number"));
            if (template.parameters() != given.size()) {
                throw new InvalidField("parameters", "the template " + name + " takes " + template.parameters() + " values");
            }
            return Panache.withTransaction(() -> inbox.conversation(orgId, conversationId).chain(view -> {
                Conversation conversation = view.conversation();
                Contact contact = view.contact();
                if (!Conversation.OPEN.equals(conversation.status)) {
                    throw new Conflict("status", "the conversation is closed");
                }
                if (contact.optedOut) {
                    throw new Conflict("optedOut", "the contact opted out of messages");
                }
                Uni<Conversation> answering = conversation.humanMode() ? Uni.createFrom().item(conversation)
                        : conversations.takeOver(orgId, conversationId, agentId);
                return answering.chain(taken -> queue.template(taken, contact, "agent", template.render(given),
                        new SendRequest.Template(name, language, given), agentId));
            }));
        });
    }
}
