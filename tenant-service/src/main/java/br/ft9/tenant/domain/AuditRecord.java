package br.ft9.tenant.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One entry of an organisation's audit trail, as chained: its place (seq), the previous entry's hash and its own. */
@Entity
@Table(name = "audit_record")
public class AuditRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID orgId;
    public long seq;
    public OffsetDateTime at;
    public String service;
    public String actorKind;
    public UUID actorId;
    public String actorRole;
    public String address;
    public String action;
    public String targetType;
    public String targetId;
    @Column(name = "before_state")
    public String before;
    @Column(name = "after_state")
    public String after;
    public String prevHash;
    public String hash;
    public OffsetDateTime recordedAt;
}
