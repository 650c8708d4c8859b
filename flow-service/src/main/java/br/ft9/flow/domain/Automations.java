package br.ft9.flow.domain;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.common.api.PageResponse;
import br.ft9.common.errors.Conflict;
import br.ft9.common.errors.InvalidField;
import br.ft9.common.errors.NotFound;
import br.ft9.common.audit.AuditAction;
import br.ft9.common.audit.AuditTrail;
import br.ft9.flow.domain.definition.AutomationDefinition;
import br.ft9.flow.domain.definition.TriggerType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Saving an organisation's automations: each definition is checked and compiled, and kept as a new version. */
@ApplicationScoped
public class Automations {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final AutomationStore store;
    private final AuditTrail audit;
    private final AnnouncedClaims claims;
    private final Clock clock;

    public Automations(AutomationStore store, AuditTrail audit, AnnouncedClaims claims, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.claims = claims;
    }

    /** A change; null fields stay. */
    public record Changes(String name, JsonNode definition, String status, Boolean oncePerContact) {
    }

    @WithTransaction
    public Uni<Automation> create(UUID orgId, String name, JsonNode definition, String status, boolean oncePerContact) {
        AutomationDefinition compiled = AutomationDefinition.compile(definition);
        Automation automation = new Automation();
        automation.id = UUID.randomUUID();
        automation.orgId = orgId;
        automation.name = name(name);
        automation.status = status(status == null ? Automation.DRAFT : status);
        automation.version = 1;
        automation.triggerType = compiled.trigger().type().wire();
        automation.definition = definition.toString();
        automation.oncePerContact = oncePerContact;
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        automation.webhookSecret = HexFormat.of().formatHex(secret);
        automation.createdAt = now();
        automation.updatedAt = automation.createdAt;
        return withinPlan(orgId, automation.status).chain(() -> automation.persistAndFlush())
                .chain(() -> store.keepVersion(automation))
                .chain(() -> audit.record(orgId, AuditAction.AUTOMATION_CREATED, "automation", automation.id, null, shown(automation)))
                .chain(() -> announceIf(orgId, automation.triggerType)).replaceWith(automation);
    }

    /** A new definition becomes a new version; runs already started stay on theirs. */
    @WithTransaction
    public Uni<Automation> update(UUID orgId, UUID id, Changes changes) {
        AutomationDefinition compiled = changes.definition() == null ? null : AutomationDefinition.compile(changes.definition());
        return existing(orgId, id).call(automation -> changes.status() == null || Automation.ACTIVE.equals(automation.status)
                ? Uni.createFrom().voidItem() : withinPlan(orgId, status(changes.status()))).chain(automation -> {
            Map<String, Object> before = shown(automation);
            String triggerBefore = automation.triggerType;
            if (changes.name() != null) {
                automation.name = name(changes.name());
            }
            if (changes.status() != null) {
                automation.status = status(changes.status());
            }
            if (changes.oncePerContact() != null) {
                automation.oncePerContact = changes.oncePerContact();
            }
            automation.updatedAt = now();
            Uni<Void> kept = Uni.createFrom().voidItem();
            if (compiled != null) {
                automation.version++;
                automation.definition = changes.definition().toString();
                automation.triggerType = compiled.trigger().type().wire();
                kept = store.keepVersion(automation);
            }
            return kept.chain(() -> audit.record(orgId, AuditAction.AUTOMATION_CHANGED, "automation", automation.id, before,
                    shown(automation))).chain(() -> announceIf(orgId, triggerBefore, automation.triggerType)).replaceWith(automation);
        });
    }

    @WithTransaction
    public Uni<Void> delete(UUID orgId, UUID id) {
        return existing(orgId, id).call(automation -> automation.delete())
                .call(automation -> audit.record(orgId, AuditAction.AUTOMATION_REMOVED, "automation", id, shown(automation), null))
                .chain(automation -> announceIf(orgId, automation.triggerType));
    }

    /** A change to a {@code message_received} automation may change which messages the assistant leaves to automations. */
    private Uni<Void> announceIf(UUID orgId, String... triggerTypes) {
        return Arrays.asList(triggerTypes).contains(TriggerType.MESSAGE_RECEIVED.wire())
                ? claims.announce(orgId) : Uni.createFrom().voidItem();
    }

    /** An automation as the audit trail shows it: its name, status, version and definition (the webhook secret left out). */
    private static Map<String, Object> shown(Automation automation) {
        Map<String, Object> shown = new java.util.LinkedHashMap<>();
        shown.put("name", automation.name);
        shown.put("status", automation.status);
        shown.put("version", automation.version);
        shown.put("oncePerContact", automation.oncePerContact);
        try {
            shown.put("definition", automation.definition == null ? null : JSON.readTree(automation.definition));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            shown.put("definition", automation.definition); // stored only after it compiled: not expected
        }
        return shown;
    }

    @WithSession
    public Uni<Automation> get(UUID orgId, UUID id) {
        return existing(orgId, id);
    }

    @WithSession
    public Uni<PageResponse<Automation>> list(UUID orgId, int page, int size) {
        return PageResponse.of(Automation.<Automation>find("orgId = ?1 order by updatedAt desc, id", orgId), page, size);
    }

    /** One kept version of an automation's definition. */
    public record Version(int version, String definition, OffsetDateTime createdAt) {
    }

    /** Every version of the automation's definition, newest first (runs keep the version they started with). */
    @WithSession
    public Uni<java.util.List<Version>> versions(UUID orgId, UUID id) {
        return existing(orgId, id).chain(automation -> store.versions(id));
    }

    /** Which runs to list: each null field does not narrow. */
    public record RunFilter(UUID automationId, RunStatus status, OffsetDateTime since, OffsetDateTime until) {
    }

    /** The states a run can be in, as the runs list filters them. */
    public enum RunStatus {
        READY, RUNNING, SUCCEEDED, FAILED, SKIPPED
    }

    /** Every run of the organisation that the filter lets through, newest first. */
    @WithSession
    public Uni<PageResponse<Run>> runs(UUID orgId, RunFilter filter, int page, int size) {
        StringBuilder query = new StringBuilder("orgId = :org");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("org", orgId);
        if (filter.automationId() != null) {
            query.append(" and automationId = :automation");
            params.put("automation", filter.automationId());
        }
        if (filter.status() != null) {
            query.append(" and status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.since() != null) {
            query.append(" and createdAt >= :since");
            params.put("since", filter.since());
        }
        if (filter.until() != null) {
            query.append(" and createdAt < :until");
            params.put("until", filter.until());
        }
        return PageResponse.of(Run.<Run>find(query.append(" order by createdAt desc, id").toString(), params), page, size);
    }

    /** Activating one more automation must stay within the plan's number of active automations. */
    private Uni<Void> withinPlan(UUID orgId, String status) {
        if (!Automation.ACTIVE.equals(status)) {
            return Uni.createFrom().voidItem();
        }
        return store.activeAutomations(orgId).invoke(automations -> {
            if (automations.limit() != null && automations.active() >= automations.limit()) {
                throw new Conflict("status", "the plan allows " + automations.limit()
                        + " active automations; pause one first or change plan");
            }
        }).replaceWithVoid();
    }

    private static Uni<Automation> existing(UUID orgId, UUID id) {
        return Automation.ofOrganization(orgId, id).map(automation -> {
            if (automation == null) {
                throw new NotFound("no automation " + id);
            }
            return automation;
        });
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.length() > 120) {
            throw new InvalidField("name", "name is 1 to 120 characters");
        }
        return name.strip();
    }

    private static String status(String status) {
        String upper = status.toUpperCase();
        if (!java.util.Set.of(Automation.DRAFT, Automation.ACTIVE, Automation.PAUSED).contains(upper)) {
            throw new InvalidField("status", "status is DRAFT, ACTIVE or PAUSED");
        }
        return upper;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /** The calendar month (UTC) runs are counted in, as billing counts messages. */
    static String period(Clock clock) {
        return java.time.YearMonth.now(clock.withZone(ZoneOffset.UTC)).toString();
    }

    /** This month's runs and the plan's limit of them (null: not known yet, so not limited). */
    public record RunUse(String period, long runs, Integer limit) {
    }

    public Uni<RunUse> runUse(UUID orgId) {
        return store.runUse(orgId, period(clock));
    }
}
