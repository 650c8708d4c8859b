package br.ft9.flow.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** An organisation's automation: a trigger, conditions and steps (its current version's definition), and a status. */
@Entity
@Table(name = "automation")
public class Automation extends PanacheEntityBase {

    public static final String DRAFT = "DRAFT";
    public static final String ACTIVE = "ACTIVE";
    public static final String PAUSED = "PAUSED";

    @Id
    public UUID id;

    @Column(nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String triggerType;

    @Column(nullable = false)
    public String definition;

    @Column(nullable = false)
    public boolean oncePerContact;

    /** Signs calls to the automation's webhook trigger; shown to the organisation, never logged. */
    @Column(nullable = false)
    public String webhookSecret;

    @Column(nullable = false)
    public OffsetDateTime createdAt;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;

    public static Uni<Automation> ofOrganization(UUID orgId, UUID id) {
        return find("id = ?1 and orgId = ?2", id, orgId).firstResult();
    }
}
