package br.ft9.tenant.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A WhatsApp Business number of an organisation, with its sealed Graph API access token. */
@Entity
@Table(name = "whatsapp_channel")
public class WhatsAppChannel extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public String phoneNumberId;

    @Column(nullable = false)
    public String displayPhoneNumber;

    @Column(nullable = false)
    public String wabaId;

    @Column(nullable = false)
    public String accessTokenEncrypted;

    @Column(nullable = false)
    public String accessTokenLast4;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public OffsetDateTime createdAt;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;
}
