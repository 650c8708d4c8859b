package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A person of an organisation, as auth-service announced them: who a conversation may be assigned to. */
@Entity
@Table(name = "org_member")
public class OrgMember extends PanacheEntityBase {

    @Id
    public UUID userId;

    @Column(nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public String role;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;

    /**
     * The member when active: an invited member who never accepted has no password and cannot answer a conversation,
     * and a deactivated one is gone (auth-service's user.activated and user.deactivated events say when).
     */
    public static Uni<OrgMember> activeOf(UUID orgId, UUID userId) {
        return find("userId = ?1 and orgId = ?2 and status = 'ACTIVE'", userId, orgId).firstResult();
    }
}
