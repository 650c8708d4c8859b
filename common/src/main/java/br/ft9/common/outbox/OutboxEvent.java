package br.ft9.common.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One event waiting in a service's own schema to be relayed to Kafka after its transaction commits. */
@Entity
@Table(name = "event_outbox")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public String topic;

    @Column(nullable = false)
    public String recordKey;

    @Column(nullable = false)
    public String type;

    /** The event's data as JSON. */
    @Column(nullable = false)
    public String payload;

    @Column(nullable = false)
    public OffsetDateTime createdAt;

    /** The W3C traceparent of the work that wrote the event, so that its trace continues through Kafka; may be null. */
    public String traceParent;

    public OffsetDateTime publishedAt;
}
