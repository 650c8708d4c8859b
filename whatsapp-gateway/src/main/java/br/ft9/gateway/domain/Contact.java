package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Someone who writes to an organisation on WhatsApp, known by their WhatsApp id. */
@Entity
@Table(name = "contact")
// Only changed columns are written: an inbound message's time must not write back an opt-out it read before it changed.
@org.hibernate.annotations.DynamicUpdate
public class Contact extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public String waId;

    public String profileName;

    @Column(nullable = false)
    public boolean optedOut;

    public OffsetDateTime lastInboundAt;

    @Column(nullable = false)
    public OffsetDateTime createdAt;

    /** When the contact's data was erased at their request; the row stays, anonymous, for counts. */
    public OffsetDateTime erasedAt;
}
