package br.ft9.tenant.domain;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The last entry of an organisation's audit trail (its place and hash): locked to append the next one. */
@Entity
@Table(name = "audit_chain")
public class AuditChainHead extends PanacheEntityBase {

    @Id
    public UUID orgId;
    public long seq;
    public String hash;
}
