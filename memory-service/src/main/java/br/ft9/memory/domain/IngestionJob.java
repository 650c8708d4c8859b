package br.ft9.memory.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The background processing of an uploaded document: parse, chunk, embed, index, with its progress. */
@Entity
@Table(name = "ingestion_job")
public class IngestionJob extends PanacheEntityBase {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    @Id
    public UUID id;

    @Column(nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public UUID itemId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int chunksDone;

    public Integer chunksTotal;

    public String reason;

    /** Characters of text the document gave, counted against the organisation's hourly document budget. */
    public Integer textChars;

    // The uploaded bytes (column content) are kept until processed, so that a restart can finish the job;
    // they are read and written by Uploads with their own queries, never loaded with the job.

    @Column(nullable = false)
    public OffsetDateTime createdAt;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;
}
