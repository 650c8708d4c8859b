package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An organisation as the gateway knows it from tenant-service's events. */
@Entity
@Table(name = "organization")
public class KnownOrganization extends PanacheEntityBase {

    @Id
    public UUID orgId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String slug;

    @Column(nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String locale;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;

    /** Days contacts' words are kept (tenant-service's setting; null: never said, 365). */
    public Integer messageRetentionDays;
}
