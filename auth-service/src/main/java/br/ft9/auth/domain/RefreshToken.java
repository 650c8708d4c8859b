package br.ft9.auth.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** One refresh token of a login's family, kept as a hash; used once, then replaced. */
@Entity
@Table(name = "refresh_token")
public class RefreshToken extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public UUID familyId;

    @Column(nullable = false)
    public UUID userId;

    public UUID orgId;

    @Column(nullable = false)
    public String tokenHash;

    @Column(nullable = false)
    public OffsetDateTime issuedAt;

    @Column(nullable = false)
    public OffsetDateTime expiresAt;

    public OffsetDateTime usedAt;

    public OffsetDateTime revokedAt;

    /** Presentable exactly once: not used, not revoked, not expired. */
    public boolean presentableAt(OffsetDateTime now) {
        return usedAt == null && revokedAt == null && expiresAt.isAfter(now);
    }

    /** Ends every sign-in of the user: none of their refresh tokens works after this. Call inside a transaction. */
    public static Uni<Integer> revokeAllOf(UUID userId, OffsetDateTime at) {
        return update("revokedAt = ?1 where userId = ?2 and revokedAt is null", at, userId);
    }
}
