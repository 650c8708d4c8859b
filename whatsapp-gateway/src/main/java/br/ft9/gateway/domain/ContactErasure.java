package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A contact's request to be erased, complete once every service that keeps contact data has confirmed. */
@Entity
@Table(name = "contact_erasure")
public class ContactErasure extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID orgId;
    public UUID contactId;
    public UUID requestedBy;
    public OffsetDateTime requestedAt;
    public OffsetDateTime completedAt;
}
