package br.ft9.flow.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One run of an automation: its trigger's data, the step it is at, and whether it is due, running, done, failed, or a start that was skipped. */
@Entity
@Table(name = "run")
public class Run extends PanacheEntityBase {

    public static final String READY = "READY";
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    /** A start the automation declined (once per contact, or within its cooldown); it never runs. */
    public static final String SKIPPED = "SKIPPED";

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public UUID orgId;

    @Column(name = "automation_id", nullable = false)
    public UUID automationId;

    @Column(nullable = false)
    public int version;

    @Column(name = "trigger_event_id", nullable = false)
    public String triggerEventId;

    @Column(name = "contact_wa_id")
    public String contactWaId;

    @Column(nullable = false)
    public String facts;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int step;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "due_at", nullable = false)
    public OffsetDateTime dueAt;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "claimed_at")
    public OffsetDateTime claimedAt;

    public String error;

    /** Why the start was declined, for a SKIPPED run. */
    @Column(name = "skip_reason")
    public String skipReason;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
