package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * A contact's thread with the organisation. The bot answers it until a person takes it over
 * (human mode), and no automatic message reaches it again until it is released.
 */
@Entity
@Table(name = "conversation")
// Only the columns a transaction changed are written: a reply that touches the last message must not write back the
// mode it read before a person's take-over committed (the take-over was lost, and the bot answered a person's patient).
@org.hibernate.annotations.DynamicUpdate
public class Conversation extends PanacheEntityBase {

    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";
    public static final String BOT = "BOT";
    public static final String HUMAN = "HUMAN";

    @Id
    public UUID id;

    @Column(nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public UUID contactId;

    @Column(nullable = false)
    public String phoneNumberId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String mode;

    public UUID assignedUserId;

    public String handoffReason;

    @Column(nullable = false)
    public OffsetDateTime lastMessageAt;

    public String lastMessageText;

    @Column(nullable = false)
    public OffsetDateTime openedAt;

    public OffsetDateTime closedAt;

    /** The team's labels ("convênio", "orçamento"), lower case. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public java.util.List<String> labels = new java.util.ArrayList<>();

    public boolean humanMode() {
        return HUMAN.equals(mode);
    }

    /** The organisation's conversation with this id; null for another organisation's. */
    public static Uni<Conversation> ofOrganization(UUID orgId, UUID id) {
        return find("id = ?1 and orgId = ?2", id, orgId).firstResult();
    }

    /** The contact's open conversation, if any. */
    public static Uni<Conversation> openOf(UUID orgId, UUID contactId) {
        return find("orgId = ?1 and contactId = ?2 and status = ?3", orgId, contactId, OPEN).firstResult();
    }

    /**
     * Notes a message we send on the conversation for the inbox list: the newest message (a tie: the later noted) is the
     * preview. A contact's message follows the same rule inside SqlMessageStore's RECORD_INBOUND statement; a change here
     * is a change there (each side pinned by a test).
     */
    public void touch(OffsetDateTime at, String preview) {
        if (lastMessageAt == null || !at.isBefore(lastMessageAt)) {
            lastMessageAt = at;
            lastMessageText = listed(preview);
        }
    }

    /** A message as the inbox lists it: its first 200 characters. */
    public static String listed(String preview) {
        return preview == null ? null : preview.length() > 200 ? preview.substring(0, 200) : preview;
    }
}
