package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A message in a conversation, in (from the contact) or out (from the bot, an automation or an agent), with its delivery status. */
@Entity
@Table(name = "message")
public class WhatsAppMessage extends PanacheEntityBase {

    public static final String IN = "IN";
    public static final String OUT = "OUT";

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    @Column(name = "contact_id", nullable = false)
    public UUID contactId;

    @Column(name = "conversation_id")
    public UUID conversationId;

    @Column(nullable = false)
    public String direction;

    @Column(name = "wa_message_id")
    public String waMessageId;

    @Column(name = "command_id")
    public UUID commandId;

    @Column(nullable = false)
    public String type;

    public String text;

    /** Meta's JSON of an inbound message; the send command's JSON of an outbound one. */
    @Column(nullable = false)
    public String payload;

    public String status;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "status_at")
    public OffsetDateTime statusAt;

    public String origin;

    @Column(name = "sent_by_user_id")
    public UUID sentByUserId;

    public String delivery;

    @Column(name = "duplicate_deliveries", nullable = false)
    public int duplicateDeliveries;

    @Column(name = "in_reply_to_message_id")
    public UUID inReplyToMessageId;

    /** For an inbound message, the conversation's mode (BOT, HUMAN) when it arrived. */
    @Column(name = "conversation_mode")
    public String conversationMode;

    @Column(name = "sent_at", nullable = false)
    public OffsetDateTime sentAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public DeliveryStatus deliveryStatus() {
        return DeliveryStatus.fromWire(status);
    }
}
