package br.ft9.auth.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** An organisation tenant-service opened and has not deleted, as its events told: the only ones a service token is for. */
@Entity
@Table(name = "known_organization")
public class KnownOrganization extends PanacheEntityBase {

    @Id
    public UUID orgId;

    @Column(nullable = false)
    public OffsetDateTime openedAt;

    /** Records the organisation as open; a second call for the same one changes nothing. */
    public static Uni<Void> open(UUID orgId, OffsetDateTime at) {
        return KnownOrganization.<KnownOrganization>findById(orgId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            KnownOrganization known = new KnownOrganization();
            known.orgId = orgId;
            known.openedAt = at;
            return known.persist().replaceWithVoid();
        });
    }
}
