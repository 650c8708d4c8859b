package br.ft9.tenant.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A record a consumer could not apply, as its dead-letter topic holds it: where it came from, why it failed, the
 * original event (headers and data, kept to replay it unchanged), and what staff did with it.
 */
@Entity
@Table(name = "dead_letter")
public class DeadLetter extends PanacheEntityBase {

    @Id
    public UUID id;
    public String topic;
    public int kafkaPartition;
    public long kafkaOffset;
    public String originalTopic;
    public Integer originalPartition;
    public Long originalOffset;
    public String recordKey;
    public String eventId;
    public String eventType;
    public UUID orgId;
    /** The contact's message the event concerns, where its data names one (for that message's journey). */
    public UUID messageId;
    public String reason;
    public String cause;
    /** The original record's headers as a JSON array of {name, value}, the dead-letter-* ones included. */
    public String headers;
    public String payload;
    public OffsetDateTime deadLetteredAt;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeadLetterStatus status;
    public int replays;
    public OffsetDateTime settledAt;
    public UUID settledBy;
    public String discardReason;
}
