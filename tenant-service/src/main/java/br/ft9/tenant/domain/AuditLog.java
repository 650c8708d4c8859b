package br.ft9.tenant.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import br.ft9.common.api.PageResponse;
import br.ft9.common.audit.AuditRecordedV1;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The organisations' audit trails: entries from every service chained onto their organisation's trail (the head locked,
 * so entries of one organisation are linked one after another however many replicas consume), searched for admins and
 * staff, and checked from the first entry to the head.
 */
@ApplicationScoped
public class AuditLog {

    /** What a reader of the trail asks for; any part may be absent. */
    public record Query(UUID actorId, String action, String targetType, String targetId, OffsetDateTime from, OffsetDateTime to) {
    }

    private static final int CHECK_BATCH = 500;

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** Chains one entry onto its organisation's trail; the caller applies each event id once. */
    @WithTransaction
    public Uni<Void> append(UUID id, AuditRecordedV1 event) {
        return AuditChainHead.<AuditChainHead>findById(event.orgId(), LockModeType.PESSIMISTIC_WRITE).chain(head -> {
            AuditRecord entry = entry(id, event);
            AuditChain.link(entry, head);
            AuditChainHead next = head == null ? new AuditChainHead() : head;
            next.orgId = event.orgId();
            next.seq = entry.seq;
            next.hash = entry.hash;
            return entry.<AuditRecord>persist().chain(() -> head == null ? next.persist() : Uni.createFrom().item(next))
                    .replaceWithVoid();
        });
    }

    private AuditRecord entry(UUID id, AuditRecordedV1 event) {
        AuditRecord entry = new AuditRecord();
        entry.id = id;
        entry.orgId = event.orgId();
        entry.at = (event.at() == null ? clock.instant() : event.at()).truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        entry.service = event.service() == null ? "unknown" : event.service();
        entry.actorKind = event.actorKind() == null ? "PLATFORM" : event.actorKind().name();
        entry.actorId = event.actorId();
        entry.actorRole = event.actorRole();
        entry.address = event.address();
        entry.action = event.action();
        entry.targetType = event.targetType();
        entry.targetId = event.targetId();
        entry.before = event.before() == null || event.before().isNull() ? null : event.before().toString();
        entry.after = event.after() == null || event.after().isNull() ? null : event.after().toString();
        entry.recordedAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        return entry;
    }

    /** A page of one organisation's trail, newest first. An action ending in "." is a family ("user." every user action). */
    @WithSession
    public Uni<PageResponse<AuditRecord>> search(UUID orgId, Query query, int page, int size) {
        StringBuilder where = new StringBuilder("orgId = :org");
        Map<String, Object> params = new java.util.HashMap<>(Map.of("org", orgId));
        if (query.actorId() != null) {
            where.append(" and actorId = :actor");
            params.put("actor", query.actorId());
        }
        if (query.action() != null && !query.action().isBlank()) {
            boolean family = query.action().endsWith(".");
            where.append(family ? " and action like :action" : " and action = :action");
            params.put("action", family ? query.action().replace("%", "").replace("_", "\\_") + "%" : query.action());
        }
        if (query.targetType() != null && !query.targetType().isBlank()) {
            where.append(" and targetType = :targetType");
            params.put("targetType", query.targetType());
        }
        if (query.targetId() != null && !query.targetId().isBlank()) {
            where.append(" and targetId = :targetId");
            params.put("targetId", query.targetId());
        }
        if (query.from() != null) {
            where.append(" and at >= :from");
            params.put("from", query.from());
        }
        if (query.to() != null) {
            where.append(" and at < :to");
            params.put("to", query.to());
        }
        return PageResponse.of(AuditRecord.<AuditRecord>find(where.toString(), Sort.descending("seq"), params), page, size);
    }

    /** Checks an organisation's whole trail against its hashes, a batch at a time. */
    @WithSession
    public Uni<AuditChain.Check> check(UUID orgId) {
        AuditChain chain = new AuditChain();
        return readFrom(orgId, 0, chain)
                .chain(() -> AuditChainHead.<AuditChainHead>findById(orgId))
                .map(chain::verdict);
    }

    private Uni<Void> readFrom(UUID orgId, long afterSeq, AuditChain chain) {
        return AuditRecord.<AuditRecord>find("orgId = ?1 and seq > ?2", Sort.ascending("seq"), orgId, afterSeq)
                .page(Page.ofSize(CHECK_BATCH)).list()
                .chain(batch -> {
                    List<AuditRecord> entries = new ArrayList<>(batch);
                    entries.forEach(chain::next);
                    return entries.size() < CHECK_BATCH ? Uni.createFrom().voidItem()
                            : readFrom(orgId, entries.get(entries.size() - 1).seq, chain);
                });
    }
}
