package br.ft9.auth.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An organisation whose users may not sign in, as tenant-service announced. */
@Entity
@Table(name = "suspended_organization")
public class SuspendedOrganization extends PanacheEntityBase {

    @Id
    public UUID orgId;

    @Column(nullable = false)
    public OffsetDateTime suspendedAt;
}
