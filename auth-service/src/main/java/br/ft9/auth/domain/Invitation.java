package br.ft9.auth.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An invitation to join an organisation; accepting it sets the invited account's password. */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public UUID userId;

    @Column(nullable = false)
    public String tokenHash;

    public UUID invitedBy;

    @Column(nullable = false)
    public OffsetDateTime createdAt;

    @Column(nullable = false)
    public OffsetDateTime expiresAt;

    public OffsetDateTime acceptedAt;

    public boolean openAt(OffsetDateTime now) {
        return acceptedAt == null && expiresAt.isAfter(now);
    }
}
