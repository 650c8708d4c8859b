package br.ft9.tenant.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.api.PageResponse;
import br.ft9.common.api.TextSearch;
import br.ft9.common.errors.Conflict;
import br.ft9.common.errors.DatabaseErrors;
import br.ft9.common.errors.NotFound;
import br.ft9.common.audit.AuditAction;
import br.ft9.common.audit.AuditTrail;
import br.ft9.common.outbox.Outbox;
import br.ft9.tenant.events.OrganizationEventV1;
import br.ft9.tenant.events.TenantEvents;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Opens, changes, suspends and reactivates organisations, and tells the other services through the
 * outbox in the same transaction, with the whole organisation in every event.
 */
@ApplicationScoped
public class Organizations {

    private final Outbox outbox;
    private final ObjectMapper json;
    private final AuditTrail audit;
    private final AuditPurge auditPurge;
    private final Clock clock;

    public Organizations(Outbox outbox, ObjectMapper json, AuditTrail audit, AuditPurge auditPurge, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
        this.json = json;
        this.audit = audit;
        this.auditPurge = auditPurge;
    }

    /** Opens an organisation; when a first admin is named, auth-service invites them. */
    @WithTransaction
    public Uni<Organization> open(NewOrganization settings, String firstAdminEmail) {
        return open(UUID.randomUUID(), settings, firstAdminEmail);
    }

    /** Opens an organisation with a given id (the demo organisation, whose id auth-service's demo admin names). */
    @WithTransaction
    public Uni<Organization> open(UUID id, NewOrganization settings, String firstAdminEmail) {
        return Organization.count("slug", settings.slug())
                .chain(taken -> {
                    if (taken > 0) {
                        return Uni.createFrom().failure(slugTaken(settings.slug()));
                    }
                    Organization organization = Organization.open(settings, OffsetDateTime.now(clock));
                    organization.id = id;
                    return organization.<Organization>persistAndFlush()
                            .call(created -> outbox.append(TenantEvents.TOPIC, TenantEvents.ORGANIZATION_CREATED, created.id,
                                    OrganizationEventV1.of(created, firstAdminEmail)))
                            .call(created -> audit.record(created.id, AuditAction.ORGANIZATION_CREATED, "organization", created.id,
                                    null, settingsOf(created)));
                })
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> slugTaken(settings.slug()));
    }

    @WithSession
    public Uni<Organization> get(UUID orgId) {
        return Organization.<Organization>findById(orgId).onItem().ifNull().failWith(() -> new NotFound("no such organisation"));
    }

    @WithTransaction
    public Uni<Organization> change(UUID orgId, SettingsChange change) {
        return Organization.<Organization>findById(orgId)
                .onItem().ifNull().failWith(() -> new NotFound("no such organisation"))
                .call(organization -> {
                    Map<String, Object> before = settingsOf(organization);
                    OrganizationRules.apply(organization, change, this::toJson);
                    organization.updatedAt = OffsetDateTime.now(clock);
                    return outbox.append(TenantEvents.TOPIC, TenantEvents.ORGANIZATION_UPDATED, organization.id,
                            OrganizationEventV1.of(organization))
                            .chain(() -> audit.record(organization.id, AuditAction.SETTINGS_CHANGED, "organization", organization.id,
                                    before, settingsOf(organization)));
                });
    }

    @WithTransaction
    public Uni<Organization> suspend(UUID orgId) {
        return setStatus(orgId, OrganizationStatus.SUSPENDED, TenantEvents.ORGANIZATION_SUSPENDED);
    }

    @WithTransaction
    public Uni<Organization> reactivate(UUID orgId) {
        return setStatus(orgId, OrganizationStatus.ACTIVE, TenantEvents.ORGANIZATION_REACTIVATED);
    }

    /** Platform staff's search by name or slug, a page at a time, in name order. */
    @WithSession
    public Uni<PageResponse<Organization>> search(String text, int page, int size) {
        var query = text == null || text.isBlank()
                ? Organization.<Organization>findAll(Sort.by("name"))
                : Organization.<Organization>find("lower(name) like ?1 or slug like ?1", Sort.by("name"),
                        TextSearch.containing(text));
        return PageResponse.of(query, page, size);
    }

    /**
     * Starts the grace period before an organisation is erased: its users are shut out at once (the
     * event is a suspension), and staff can restore it until {@code deletionDueAt}.
     */
    @WithTransaction
    public Uni<Organization> scheduleDeletion(UUID orgId, java.time.Duration grace) {
        return Organization.<Organization>findById(orgId)
                .onItem().ifNull().failWith(() -> new NotFound("no such organisation"))
                .call(organization -> {
                    if (organization.status == OrganizationStatus.DELETION_PENDING) {
                        return Uni.createFrom().voidItem();
                    }
                    organization.status = OrganizationStatus.DELETION_PENDING;
                    organization.updatedAt = OffsetDateTime.now(clock);
                    organization.deletionDueAt = organization.updatedAt.plus(grace);
                    return outbox.append(TenantEvents.TOPIC, TenantEvents.ORGANIZATION_SUSPENDED, organization.id,
                            OrganizationEventV1.of(organization))
                            .chain(() -> audit.record(orgId, AuditAction.ORGANIZATION_DELETION_SCHEDULED, "organization", orgId,
                                    null, Map.of("deletionDueAt", organization.deletionDueAt.toString())));
                });
    }

    /** Cancels a pending deletion. */
    @WithTransaction
    public Uni<Organization> restore(UUID orgId) {
        return Organization.<Organization>findById(orgId)
                .onItem().ifNull().failWith(() -> new NotFound("no such organisation"))
                .chain(organization -> organization.status == OrganizationStatus.DELETION_PENDING
                        ? setStatus(orgId, OrganizationStatus.ACTIVE, TenantEvents.ORGANIZATION_REACTIVATED)
                        : Uni.createFrom().item(organization));
    }

    /** Erases one organisation whose grace period is over, telling every service to erase its data. */
    @WithTransaction
    public Uni<Boolean> eraseIfDue(UUID orgId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Organization.<Organization>findById(orgId).chain(organization -> {
            if (organization == null || organization.deletionDueAt == null || organization.deletionDueAt.isAfter(now)) {
                return Uni.createFrom().item(false);
            }
            return Seat.delete("orgId", orgId)
                    .chain(() -> auditPurge.forget(orgId))
                    .chain(() -> organization.delete())
                    .chain(() -> outbox.append(TenantEvents.TOPIC, TenantEvents.ORGANIZATION_DELETED, orgId,
                            new br.ft9.tenant.events.OrganizationDeletedV1(orgId, organization.slug, now)))
                    .replaceWith(true);
        });
    }

    /** Ids of organisations whose grace period is over. */
    @WithSession
    public Uni<List<UUID>> dueForErasure(int max) {
        return Organization.<Organization>find("deletionDueAt <= ?1", OffsetDateTime.now(clock))
                .page(Page.ofSize(max)).list()
                .map(due -> due.stream().map(o -> o.id).toList());
    }

    /** The organisation with the number of seats its users hold. */
    @WithSession
    public Uni<WithUse> limits(UUID orgId) {
        return Organization.<Organization>findById(orgId)
                .onItem().ifNull().failWith(() -> new NotFound("no such organisation"))
                .chain(organization -> Seat.count("orgId", orgId).map(seats -> new WithUse(organization, seats)));
    }

    /** An organisation and how many seats are taken. */
    public record WithUse(Organization organization, long seatsInUse) {
    }

    /** The plan billing-service says the organisation is on now; call inside the consumer's transaction. */
    public Uni<Organization> applyPlanInTransaction(UUID orgId, PlanLimits limits) {
        return Organization.<Organization>findById(orgId).call(organization -> {
            if (organization == null || PlanLimits.of(organization).equals(limits)) {
                return Uni.createFrom().voidItem();
            }
            limits.applyTo(organization);
            organization.updatedAt = OffsetDateTime.now(clock);
            return outbox.append(TenantEvents.TOPIC, TenantEvents.LIMITS_CHANGED, orgId,
                    br.ft9.tenant.events.LimitsChangedV1.of(organization));
        });
    }

    /**
     * billing-service says the organisation's payment is overdue past the grace period: an active organisation is
     * suspended (its users are shut out) and marked so that billing can lift it; call inside the consumer's transaction.
     */
    public Uni<Void> suspendForNonPaymentInTransaction(UUID orgId) {
        return Organization.<Organization>findById(orgId).chain(organization -> {
            if (organization == null || organization.status != OrganizationStatus.ACTIVE) {
                return Uni.createFrom().voidItem();
            }
            return setStatus(orgId, OrganizationStatus.SUSPENDED, TenantEvents.ORGANIZATION_SUSPENDED)
                    .invoke(o -> o.suspendedForNonPayment = true).replaceWithVoid();
        });
    }

    /** billing-service says the overdue payment is settled: only a suspension for non-payment is lifted. */
    public Uni<Void> liftNonPaymentSuspensionInTransaction(UUID orgId) {
        return Organization.<Organization>findById(orgId).chain(organization -> {
            if (organization == null || !organization.suspendedForNonPayment || organization.status != OrganizationStatus.SUSPENDED) {
                return Uni.createFrom().voidItem();
            }
            return setStatus(orgId, OrganizationStatus.ACTIVE, TenantEvents.ORGANIZATION_REACTIVATED).replaceWithVoid();
        });
    }

    private Uni<Organization> setStatus(UUID orgId, OrganizationStatus status, String eventType) {
        return Organization.<Organization>findById(orgId)
                .onItem().ifNull().failWith(() -> new NotFound("no such organisation"))
                .call(organization -> {
                    if (organization.status == status) {
                        return Uni.createFrom().voidItem(); // already so: no event
                    }
                    organization.suspendedForNonPayment = false;
                    organization.deletionDueAt = null;
                    OrganizationStatus before = organization.status;
                    organization.status = status;
                    organization.updatedAt = OffsetDateTime.now(clock);
                    AuditAction action = before == OrganizationStatus.DELETION_PENDING ? AuditAction.ORGANIZATION_DELETION_CANCELED
                            : status == OrganizationStatus.SUSPENDED ? AuditAction.ORGANIZATION_SUSPENDED
                                    : AuditAction.ORGANIZATION_REACTIVATED;
                    return outbox.append(TenantEvents.TOPIC, eventType, organization.id, OrganizationEventV1.of(organization))
                            .chain(() -> audit.record(orgId, action, "organization", orgId, Map.of("status", before.name()),
                                    Map.of("status", status.name())));
                });
    }

    /** The settings an admin changes, as the audit trail shows them before and after a change. */
    private Map<String, Object> settingsOf(Organization o) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("name", o.name);
        settings.put("timeZone", o.timeZone);
        settings.put("locale", o.locale);
        settings.put("businessHours", readJson(o.businessHours));
        settings.put("assistantPersona", o.assistantPersona);
        settings.put("assistantTone", o.assistantTone);
        settings.put("autoReply", o.autoReply);
        settings.put("handoffMessage", o.handoffMessage);
        settings.put("notificationEmail", o.notificationEmail);
        settings.put("messageRetentionDays", o.messageRetentionDays);
        return settings;
    }

    private Object readJson(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private String toJson(BusinessHours hours) {
        try {
            return json.writeValueAsString(hours.days());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Conflict slugTaken(String slug) {
        return new Conflict("slug", "an organisation with slug '" + slug + "' already exists");
    }
}
