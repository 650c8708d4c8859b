package br.ft9.memory.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A question a contact asked that the assistant handed off for lack of knowledge, and what a person replied to it. */
@Entity
@Table(name = "knowledge_gap")
public class KnowledgeGap extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "org_id")
    public UUID orgId;

    public String question;

    /** Space-separated index terms of the question. */
    public String terms;

    @Column(name = "conversation_id")
    public UUID conversationId;

    @Column(name = "contact_id")
    public UUID contactId;

    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "asked_at")
    public OffsetDateTime askedAt;

    public String answer;

    @Column(name = "answered_at")
    public OffsetDateTime answeredAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "resolved_item_id")
    public UUID resolvedItemId;
}
