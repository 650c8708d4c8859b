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

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    @Column(name = "wa_id", nullable = false)
    public String waId;

    @Column(name = "profile_name")
    public String profileName;

    @Column(name = "opted_out", nullable = false)
    public boolean optedOut;

    @Column(name = "last_inbound_at")
    public OffsetDateTime lastInboundAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
