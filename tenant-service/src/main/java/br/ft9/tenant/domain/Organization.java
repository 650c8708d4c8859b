package br.ft9.tenant.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An organisation (clinic, school) using the platform; its id is the tenant id everywhere. */
@Entity
@Table(name = "organization")
public class Organization extends PanacheEntityBase {

    /** What a contact reads when a person takes over, until the organisation writes its own. */
    public static final String DEFAULT_HANDOFF_MESSAGE =
            "Vou chamar uma pessoa da nossa equipe para continuar o atendimento. Aguarde um momento, por favor.";

    /** Every new organisation starts on the Starter plan with this many days of trial. */
    public static final int TRIAL_DAYS = 14;

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String slug;

    @Column(nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String locale;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrganizationStatus status;

    /** JSON of {@link BusinessHours#days()}; null when never set. */
    public String businessHours;

    /** Closed days whatever the weekday says, ISO dates in the organisation's time zone, in order. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.ARRAY)
    @jakarta.persistence.Column(nullable = false, columnDefinition = "text[]")
    public java.util.List<String> holidays = new java.util.ArrayList<>();

    public String assistantPersona;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AssistantTone assistantTone;

    @Column(nullable = false)
    public boolean autoReply;

    /** Days contacts' words are kept (30 to 3650; 365 unless the organisation chose). */
    public int messageRetentionDays = 365;

    public String handoffMessage;

    public String notificationEmail;

    @Column(nullable = false)
    public String plan;

    public OffsetDateTime trialEndsAt;

    public OffsetDateTime deletionDueAt;

    @Column(nullable = false)
    public int messagesPerMonth;

    @Column(nullable = false)
    public int knowledgeItems;

    @Column(nullable = false)
    public int automations;

    @Column(nullable = false)
    public int seats;

    @Column(nullable = false)
    public boolean suspendedForNonPayment;

    @Column(nullable = false)
    public int automationRunsPerMonth;

    @Column(nullable = false)
    public OffsetDateTime createdAt;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;

    /** A new, active organisation from settings that {@link OrganizationRules} accepted. */
    public static Organization open(NewOrganization settings, OffsetDateTime at) {
        Organization organization = new Organization();
        organization.id = UUID.randomUUID();
        organization.name = settings.name();
        organization.slug = settings.slug();
        organization.timeZone = settings.timeZone();
        organization.locale = settings.locale();
        organization.createdAt = at;
        organization.updatedAt = organization.createdAt;
        organization.status = OrganizationStatus.ACTIVE;
        organization.assistantTone = AssistantTone.FRIENDLY;
        organization.autoReply = true;
        organization.handoffMessage = DEFAULT_HANDOFF_MESSAGE;
        organization.plan = PlanLimits.STARTER.plan();
        PlanLimits.STARTER.applyTo(organization);
        organization.trialEndsAt = organization.createdAt.plusDays(TRIAL_DAYS);
        return organization;
    }
}
