package br.ft9.tenant.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A user holding one of an organisation's seats (invited or active), as auth-service announced. */
@Entity
@Table(name = "seat")
public class Seat extends PanacheEntityBase {

    @Id
    public UUID userId;

    @Column(nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;

    /** The user holds (or still holds, with this status) one of the organisation's seats. */
    public static Uni<Void> hold(UUID userId, UUID orgId, String status, OffsetDateTime at) {
        return Seat.<Seat>findById(userId).chain(existing -> {
            Seat seat = existing != null ? existing : new Seat();
            seat.userId = userId;
            seat.orgId = orgId;
            seat.status = status;
            seat.updatedAt = at;
            return seat.persist().replaceWithVoid();
        });
    }

    /** A deactivated user frees the seat. */
    public static Uni<Void> release(UUID userId) {
        return Seat.deleteById(userId).replaceWithVoid();
    }
}
