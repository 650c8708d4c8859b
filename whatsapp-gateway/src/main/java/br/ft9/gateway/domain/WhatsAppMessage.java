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

    @Column(nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public UUID contactId;

    public UUID conversationId;

    @Column(nullable = false)
    public String direction;

    public String waMessageId;

    public UUID commandId;

    @Column(nullable = false)
    public String type;

    public String text;

    /** Meta's JSON of an inbound message; the send command's JSON of an outbound one. */
    @Column(nullable = false)
    public String payload;

    public String status;

    public String statusReason;

    public OffsetDateTime statusAt;

    public String origin;

    public UUID sentByUserId;

    public String delivery;

    @Column(nullable = false)
    public int duplicateDeliveries;

    public UUID inReplyToMessageId;

    /** For an inbound message, the conversation's mode (BOT, HUMAN) when it arrived. */
    public String conversationMode;

    @Column(nullable = false)
    public OffsetDateTime sentAt;

    @Column(nullable = false)
    public OffsetDateTime createdAt;

    public DeliveryStatus deliveryStatus() {
        return DeliveryStatus.fromWire(status);
    }
}
