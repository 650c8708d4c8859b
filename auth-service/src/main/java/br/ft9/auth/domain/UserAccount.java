package br.ft9.auth.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import br.ft9.common.tenant.Role;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A person who signs in: one organisation (none for platform staff), one role. */
@Entity
@Table(name = "user_account")
public class UserAccount extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID orgId;

    @Column(nullable = false)
    public String email;

    public String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AccountStatus status;

    /** The name colleagues see; null until the person (or whoever invited them) gives one. */
    public String displayName;

    @Column(nullable = false)
    public OffsetDateTime createdAt;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;

    public static UserAccount active(UUID orgId, String email, String passwordHash, Role role, OffsetDateTime createdAt) {
        UserAccount user = new UserAccount();
        user.id = UUID.randomUUID();
        user.orgId = orgId;
        user.email = Emails.normalise(email);
        user.passwordHash = passwordHash;
        user.role = role;
        user.status = AccountStatus.ACTIVE;
        user.createdAt = createdAt;
        user.updatedAt = user.createdAt;
        return user;
    }

    /** The account that holds this address (the one that signs in with it); invitations not yet accepted hold nothing. */
    public static Uni<UserAccount> findByEmail(String email) {
        return find("email = ?1 and status <> ?2", Emails.normalise(email), AccountStatus.INVITED).firstResult();
    }

    /** Every account row with this address: its holder, if any, and the invitations of any organisation. */
    public static Uni<java.util.List<UserAccount>> allWithEmail(String email) {
        return list("email", Emails.normalise(email));
    }

    public boolean canSignIn() {
        return status == AccountStatus.ACTIVE && passwordHash != null;
    }
}
