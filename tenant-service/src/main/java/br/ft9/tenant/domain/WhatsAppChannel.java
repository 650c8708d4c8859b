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

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    @Column(name = "phone_number_id", nullable = false)
    public String phoneNumberId;

    @Column(name = "display_phone_number", nullable = false)
    public String displayPhoneNumber;

    @Column(name = "waba_id", nullable = false)
    public String wabaId;

    @Column(name = "access_token_encrypted", nullable = false)
    public String accessTokenEncrypted;

    @Column(name = "access_token_last4", nullable = false)
    public String accessTokenLast4;

    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
