package br.ft9.memory.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

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

    public UUID orgId;

    public String question;

    /** Space-separated index terms of the question. */
    public String terms;

    public UUID conversationId;

    public UUID contactId;

    public UUID messageId;

    public OffsetDateTime askedAt;

    public String answer;

    public OffsetDateTime answeredAt;

    public OffsetDateTime closedAt;

    public UUID resolvedItemId;
}
