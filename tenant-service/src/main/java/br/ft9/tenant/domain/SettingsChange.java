package br.ft9.tenant.domain;

import java.util.List;
import java.util.Map;

/**
 * A change of an organisation's settings: a null field stays as it is; an empty text clears an
 * optional one (persona, hand-off message, notification email).
 */
public record SettingsChange(String name, String timeZone, String locale,
        Map<String, List<BusinessHours.Interval>> businessHours, String assistantPersona, String assistantTone,
        Boolean autoReply, String handoffMessage, String notificationEmail, List<String> holidays, Integer messageRetentionDays) {

    /** The change of the holidays alone, the others left as they are. */
    public SettingsChange(String name, String timeZone, String locale, Map<String, List<BusinessHours.Interval>> businessHours,
            String assistantPersona, String assistantTone, Boolean autoReply, String handoffMessage, String notificationEmail,
            List<String> holidays) {
        this(name, timeZone, locale, businessHours, assistantPersona, assistantTone, autoReply, handoffMessage, notificationEmail,
                holidays, null);
    }
}
