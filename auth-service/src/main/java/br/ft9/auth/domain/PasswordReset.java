package br.ft9.auth.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A "forgot my password" link sent to an account's address: works once, until it expires. */
@Entity
@Table(name = "password_reset")
public class PasswordReset extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public UUID userId;

    @Column(nullable = false)
    public String tokenHash;

    @Column(nullable = false)
    public OffsetDateTime createdAt;

    @Column(nullable = false)
    public OffsetDateTime expiresAt;

    public OffsetDateTime usedAt;

    public boolean openAt(OffsetDateTime now) {
        return usedAt == null && expiresAt.isAfter(now);
    }
}
