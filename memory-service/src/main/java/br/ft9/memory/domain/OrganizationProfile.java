package br.ft9.memory.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import br.ft9.common.tenant.OpeningHours;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** The organisation as its assistant needs it (persona, tone, language, hours, auto-reply), from tenant-service's events. */
@Entity
@Table(name = "organization_profile")
public class OrganizationProfile extends PanacheEntityBase {

    @Id
    public UUID orgId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String locale;

    @Column(nullable = false)
    public String status;

    public String assistantPersona;

    public String assistantTone;

    @Column(nullable = false)
    public boolean autoReply;

    public String handoffMessage;

    /** JSON {"monday": [{"open": "08:00", "close": "12:00"}], ...}, as tenant-service keeps it. */
    public String businessHours;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;

    /** Days contacts' words are kept (tenant-service's setting; null: never said, 365). */
    public Integer messageRetentionDays;

    /** The organisation's time zone (São Paulo's where the one kept is not a zone). */
    public ZoneId zone() {
        try {
            return ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return ZoneId.of("America/Sao_Paulo");
        }
    }

    /** Whether the organisation is within its business hours at the clock's time (no hours set: open, as far as we know). */
    public boolean openAt(Clock clock) {
        return OpeningHours.parse(businessHours).openAt(ZonedDateTime.now(clock.withZone(zone())));
    }

    /** Stores the profile tenant-service announced, over the one kept before, as of {@code at}. */
    public static Uni<Void> keep(OrganizationProfile announced, OffsetDateTime at) {
        return OrganizationProfile.<OrganizationProfile>findById(announced.orgId).chain(existing -> {
            OrganizationProfile profile = existing != null ? existing : new OrganizationProfile();
            profile.orgId = announced.orgId;
            profile.name = announced.name;
            profile.timeZone = announced.timeZone;
            profile.locale = announced.locale;
            profile.status = announced.status;
            profile.assistantPersona = announced.assistantPersona;
            profile.assistantTone = announced.assistantTone;
            profile.autoReply = announced.autoReply;
            profile.handoffMessage = announced.handoffMessage;
            profile.businessHours = announced.businessHours;
            if (announced.messageRetentionDays != null) { // an event from before the setting keeps what is known
                profile.messageRetentionDays = announced.messageRetentionDays;
            }
            profile.updatedAt = at;
            return profile.persist().replaceWithVoid();
        });
    }
}
