package br.ft9.gateway.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.errors.Conflict;
import br.ft9.common.errors.DatabaseErrors;
import br.ft9.common.errors.InvalidField;
import br.ft9.common.errors.NotFound;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * What the team writes for itself around conversations: private notes (never sent to the contact), labels, and the
 * organisation's canned replies.
 */
@ApplicationScoped
public class TeamWords {

    public static final String NOTE = "NOTE";
    static final int NOTE_CHARS = 4096;
    static final int LABELS = 10;
    static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _-]{0,29}");
    static final Pattern SHORTCUT = Pattern.compile("/[a-z0-9_-]{1,30}");
    static final int REPLY_CHARS = 4096;

    private final Inbox inbox;
    private final MessageStore messages;
    private final Clock clock;

    public TeamWords(Inbox inbox, MessageStore messages, Clock clock) {
        this.clock = clock;
        this.messages = messages;
        this.inbox = inbox;
    }

    /** A private note in the conversation: the team sees it in the thread, the contact never gets it. */
    @WithTransaction
    public Uni<WhatsAppMessage> note(UUID orgId, UUID conversationId, UUID authorId, String text) {
        if (text == null || text.isBlank() || text.length() > NOTE_CHARS) {
            throw new InvalidField("text", "a note is 1 to " + NOTE_CHARS + " characters");
        }
        return inbox.conversation(orgId, conversationId).chain(view -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            WhatsAppMessage note = new WhatsAppMessage();
            note.id = UUID.randomUUID();
            note.orgId = orgId;
            note.contactId = view.contact().id;
            note.conversationId = conversationId;
            note.direction = NOTE;
            note.type = "note";
            note.text = text.strip();
            note.origin = "note";
            note.sentByUserId = authorId;
            note.payload = "{}"; // nothing came from or went to Meta
            note.sentAt = now;
            note.createdAt = now;
            return note.persist();
        });
    }

    /** The conversation's labels, replaced: trimmed, lower-cased, without repeats, at most ten. */
    @WithTransaction
    public Uni<Inbox.ConversationView> label(UUID orgId, UUID conversationId, List<String> labels) {
        Set<String> tidy = new LinkedHashSet<>();
        for (String label : labels == null ? List.<String>of() : labels) {
            String trimmed = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
            if (!LABEL.matcher(trimmed).matches()) {
                throw new InvalidField("labels", "a label is 1 to 30 letters, digits, spaces, - or _");
            }
            tidy.add(trimmed);
        }
        if (tidy.size() > LABELS) {
            throw new InvalidField("labels", "a conversation has at most " + LABELS + " labels");
        }
        return inbox.conversation(orgId, conversationId).chain(view -> {
            view.conversation().labels = List.copyOf(tidy);
            return view.conversation().persist().replaceWith(view);
        });
    }

    /** Every label the organisation's open or recent conversations carry, for the list's filter. */
    @WithSession
    public Uni<List<String>> labels(UUID orgId) {
        return messages.labels(orgId);
    }

    @WithSession
    public Uni<List<CannedReply>> replies(UUID orgId) {
        return CannedReply.<CannedReply>find("orgId", Sort.by("shortcut"), orgId).list();
    }

    @WithTransaction
    public Uni<CannedReply> saveReply(UUID orgId, UUID id, String shortcut, String text) {
        String key = shortcut == null ? "" : shortcut.strip().toLowerCase(Locale.ROOT);
        if (!key.startsWith("/")) {
            key = "/" + key;
        }
        if (!SHORTCUT.matcher(key).matches()) {
            throw new InvalidField("shortcut", "a shortcut is / and 1 to 30 lower-case letters, digits, - or _ (e.g. /horario)");
        }
        if (text == null || text.isBlank() || text.length() > REPLY_CHARS) {
            throw new InvalidField("text", "a reply is 1 to " + REPLY_CHARS + " characters");
        }
        String shortcutKey = key;
        OffsetDateTime now = OffsetDateTime.now(clock);
        Uni<CannedReply> target = id == null ? Uni.createFrom().item(() -> {
            CannedReply reply = new CannedReply();
            reply.id = UUID.randomUUID();
            reply.orgId = orgId;
            reply.createdAt = now;
            return reply;
        }) : CannedReply.<CannedReply>find("id = ?1 and orgId = ?2", id, orgId).firstResult().map(found -> {
            if (found == null) {
                throw new NotFound("no canned reply " + id);
            }
            return found;
        });
        return target.chain(reply -> {
            reply.shortcut = shortcutKey;
            reply.text = text.strip();
            reply.updatedAt = now;
            return reply.<CannedReply>persistAndFlush();
        }).onFailure(DatabaseErrors::isUniqueViolation).transform(e -> new Conflict("shortcut", "the shortcut " + shortcutKey
                + " is already used"));
    }

    @WithTransaction
    public Uni<Void> deleteReply(UUID orgId, UUID id) {
        return CannedReply.delete("id = ?1 and orgId = ?2", id, orgId).map(deleted -> {
            if (deleted == 0) {
                throw new NotFound("no canned reply " + id);
            }
            return null;
        });
    }
}
