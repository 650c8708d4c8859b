package br.ft9.tenant.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import br.ft9.tenant.domain.Organization;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code ft9.tenant.organization.{created,updated,suspended,reactivated}.v1}: the whole
 * organisation as it is after the change, so that a consumer's copy never depends on order of
 * partial updates. {@code firstAdminEmail} only on creation, when one was given. {@code businessHours} carries the
 * closed days too, as {@code "holidays": ["2026-12-25", ...]} beside the weekdays (an optional key older readers skip).
 * {@code messageRetentionDays} (added later, optional): how long the organisation keeps contacts' words.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record OrganizationEventV1(UUID orgId, String name, String slug, String timeZone, String locale, String status,
        String plan, @JsonRawValue String businessHours, String assistantPersona, String assistantTone, boolean autoReply,
        String handoffMessage, String notificationEmail, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        String firstAdminEmail, Integer messageRetentionDays) {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The weekdays' hours with the holidays beside them, as the event's readers take them. */
    static String withHolidays(String hours, java.util.List<String> holidays) {
        if (holidays == null || holidays.isEmpty()) {
            return hours;
        }
        try {
            com.fasterxml.jackson.databind.node.ObjectNode node = hours == null || hours.isBlank() ? JSON.createObjectNode()
                    : (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(hours);
            com.fasterxml.jackson.databind.node.ArrayNode days = node.putArray("holidays");
            holidays.forEach(days::add);
            return JSON.writeValueAsString(node);
        } catch (java.io.IOException | ClassCastException e) {
            return hours;
        }
    }

    public static OrganizationEventV1 of(Organization o) {
        return of(o, null);
    }

    public static OrganizationEventV1 of(Organization o, String firstAdminEmail) {
        return new OrganizationEventV1(o.id, o.name, o.slug, o.timeZone, o.locale, o.status.name(), o.plan,
                withHolidays(o.businessHours, o.holidays), o.assistantPersona, o.assistantTone.name(), o.autoReply, o.handoffMessage,
                o.notificationEmail, o.createdAt, o.updatedAt, firstAdminEmail, o.messageRetentionDays);
    }
}
