package br.ft9.tenant.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.tenant.domain.BusinessHours;
import br.ft9.tenant.domain.Organization;

/** An organisation as the API shows it. */
public record OrganizationResponse(UUID id, String name, String slug, String timeZone, String locale, String status,
        String plan, OffsetDateTime trialEndsAt, Map<String, List<BusinessHours.Interval>> businessHours,
        String assistantPersona, String assistantTone, boolean autoReply, String handoffMessage,
        String notificationEmail, OffsetDateTime deletionDueAt, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        List<String> holidays, int messageRetentionDays) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static OrganizationResponse of(Organization o) {
        return new OrganizationResponse(o.id, o.name, o.slug, o.timeZone, o.locale, o.status.name(), o.plan,
                o.trialEndsAt, hours(o.businessHours), o.assistantPersona, o.assistantTone.name(), o.autoReply,
                o.handoffMessage, o.notificationEmail, o.deletionDueAt, o.createdAt, o.updatedAt,
                o.holidays == null ? List.of() : o.holidays, o.messageRetentionDays);
    }

    private static Map<String, List<BusinessHours.Interval>> hours(String stored) {
        if (stored == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(stored, new TypeReference<>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored business hours are unreadable", e);
        }
    }
}
