package br.ft9.memory.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The organisation as its assistant needs it (persona, tone, language, hours, auto-reply), from tenant-service's events. */
@Entity
@Table(name = "organization_profile")
public class OrganizationProfile extends PanacheEntityBase {

    @Id
    @Column(name = "org_id")
    public UUID orgId;

    @Column(nullable = false)
    public String name;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String locale;

    @Column(nullable = false)
    public String status;

    @Column(name = "assistant_persona")
    public String assistantPersona;

    @Column(name = "assistant_tone")
    public String assistantTone;

    @Column(name = "auto_reply", nullable = false)
    public boolean autoReply;

    @Column(name = "handoff_message")
    public String handoffMessage;

    /** JSON {"monday": [{"open": "08:00", "close": "12:00"}], ...}, as tenant-service keeps it. */
    @Column(name = "business_hours")
    public String businessHours;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
