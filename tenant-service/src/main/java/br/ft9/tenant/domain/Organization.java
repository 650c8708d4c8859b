package br.ft9.tenant.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An organisation (clinic, school) using the platform; its id is the tenant id everywhere. */
@Entity
@Table(name = "organization")
public class Organization extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String slug;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String locale;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrganizationStatus status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** A new, active organisation from settings that {@link OrganizationRules} accepted. */
    public static Organization open(NewOrganization settings) {
        Organization organization = new Organization();
        organization.id = UUID.randomUUID();
        organization.name = settings.name();
        organization.slug = settings.slug();
        organization.timeZone = settings.timeZone();
        organization.locale = settings.locale();
        organization.status = OrganizationStatus.ACTIVE;
        organization.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        organization.updatedAt = organization.createdAt;
        return organization;
    }
}
