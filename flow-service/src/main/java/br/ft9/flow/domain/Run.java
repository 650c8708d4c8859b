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

    @Column(nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public UUID automationId;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String triggerEventId;

    public String contactWaId;

    @Column(nullable = false)
    public String facts;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int step;

    @Column(nullable = false)
    public int attempts;

    @Column(nullable = false)
    public OffsetDateTime dueAt;

    public String claimedBy;

    public OffsetDateTime claimedAt;

    public String error;

    /** Why the start was declined, for a SKIPPED run. */
    public String skipReason;

    @Column(nullable = false)
    public OffsetDateTime createdAt;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;
}
