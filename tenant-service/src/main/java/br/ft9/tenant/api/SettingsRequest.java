package br.ft9.tenant.api;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;

import br.ft9.tenant.domain.BusinessHours;
import br.ft9.tenant.domain.SettingsChange;

/**
 * Body of {@code PATCH /api/organizations/me}: only the fields given change; an empty text clears
 * the persona, hand-off message or notification email.
 */
public record SettingsRequest(
        @Size(max = 120) String name,
        @Size(max = 64) String timeZone,
        @Size(max = 16) String locale,
        @Size(max = 7) Map<String, @Size(max = 6) List<BusinessHours.Interval>> businessHours,
        @Size(max = 2000) String assistantPersona,
        @Size(max = 16) String assistantTone,
        Boolean autoReply,
        @Size(max = 1000) String handoffMessage,
        @Size(max = 254) String notificationEmail,
        @Size(max = 100) List<@Size(max = 10) String> holidays,
        Integer messageRetentionDays) {

    SettingsChange toChange() {
        return new SettingsChange(name, timeZone, locale, businessHours, assistantPersona, assistantTone, autoReply,
                handoffMessage, notificationEmail, holidays, messageRetentionDays);
    }
}
