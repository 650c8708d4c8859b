package br.ft9.tenant.domain;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

import br.ft9.common.errors.InvalidField;

/** What a valid organisation looks like: slug shape, a real IANA time zone, a supported locale. */
public final class OrganizationRules {

    public static final String DEFAULT_TIME_ZONE = "America/Sao_Paulo";
    public static final String DEFAULT_LOCALE = "pt-BR";
    public static final List<String> SUPPORTED_LOCALES = List.of("pt-BR", "en-US", "es-ES");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private OrganizationRules() {
    }

    /** Applies defaults and checks every field, naming the first one that is wrong. */
    public static NewOrganization check(String name, String slug, String timeZone, String locale) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty()) {
            throw new InvalidField("name", "name must not be blank");
        }
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new InvalidField("slug", "slug must be 1-63 lowercase letters, digits or inner hyphens");
        }
        String zone = timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone;
        if (!isRegionTimeZone(zone)) {
            throw new InvalidField("timeZone", "timeZone must be an IANA time zone such as America/Sao_Paulo, not '" + zone + "'");
        }
        String chosenLocale = locale == null || locale.isBlank() ? DEFAULT_LOCALE : locale;
        if (!SUPPORTED_LOCALES.contains(chosenLocale)) {
            throw new InvalidField("locale", "locale must be one of " + SUPPORTED_LOCALES);
        }
        return new NewOrganization(cleanName, slug, zone, chosenLocale);
    }

    /** Applies a settings change to an organisation, checking each field given; nothing changes on a refusal. */
    /** The shortest and longest time contacts' words may be kept: a month (time to answer) to ten years. */
    public static final int MIN_RETENTION_DAYS = 30;
    public static final int MAX_RETENTION_DAYS = 3650;

    public static void apply(Organization organization, SettingsChange change, java.util.function.Function<BusinessHours, String> toJson) {
        String name = organization.name;
        if (change.name() != null) {
            name = change.name().strip();
            if (name.isEmpty() || name.length() > 120) {
                throw new InvalidField("name", "name must be 1 to 120 characters");
            }
        }
        String zone = organization.timeZone;
        if (change.timeZone() != null) {
            if (!isRegionTimeZone(change.timeZone())) {
                throw new InvalidField("timeZone", "timeZone must be an IANA time zone such as America/Sao_Paulo, not '"
                        + change.timeZone() + "'");
            }
            zone = change.timeZone();
        }
        String chosenLocale = organization.locale;
        if (change.locale() != null) {
            if (!SUPPORTED_LOCALES.contains(change.locale())) {
                throw new InvalidField("locale", "locale must be one of " + SUPPORTED_LOCALES);
            }
            chosenLocale = change.locale();
        }
        String hours = change.businessHours() == null ? organization.businessHours
                : toJson.apply(BusinessHours.check(change.businessHours()));
        List<String> holidays = change.holidays() == null ? organization.holidays : BusinessHours.checkHolidays(change.holidays());
        AssistantTone tone = organization.assistantTone;
        if (change.assistantTone() != null) {
            try {
                tone = AssistantTone.valueOf(change.assistantTone());
            } catch (IllegalArgumentException e) {
                throw new InvalidField("assistantTone", "assistantTone must be one of FRIENDLY, FORMAL, CASUAL");
            }
        }
        String persona = optionalText("assistantPersona", change.assistantPersona(), organization.assistantPersona, 2000);
        String handoff = optionalText("handoffMessage", change.handoffMessage(), organization.handoffMessage, 1000);
        String email = optionalText("notificationEmail", change.notificationEmail(), organization.notificationEmail, 254);
        if (change.notificationEmail() != null && email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidField("notificationEmail", "notificationEmail must be an email address");
        }
        Integer retention = change.messageRetentionDays();
        if (retention != null && (retention < MIN_RETENTION_DAYS || retention > MAX_RETENTION_DAYS)) {
            throw new InvalidField("messageRetentionDays", "messageRetentionDays is " + MIN_RETENTION_DAYS + " to "
                    + MAX_RETENTION_DAYS + " days");
        }
        // Every check passed: only now is anything changed.
        organization.name = name;
        organization.timeZone = zone;
        organization.locale = chosenLocale;
        organization.businessHours = hours;
        organization.holidays = new java.util.ArrayList<>(holidays);
        organization.assistantTone = tone;
        organization.assistantPersona = persona;
        organization.handoffMessage = handoff;
        organization.notificationEmail = email;
        if (change.autoReply() != null) {
            organization.autoReply = change.autoReply();
        }
        if (retention != null) {
            organization.messageRetentionDays = retention;
        }
    }

    private static String optionalText(String field, String given, String current, int max) {
        if (given == null) {
            return current;
        }
        String value = given.strip();
        if (value.length() > max) {
            throw new InvalidField(field, field + " must be at most " + max + " characters");
        }
        return value.isEmpty() ? null : value;
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** Region ids only ("America/Sao_Paulo"): fixed offsets would ignore daylight-saving rules. */
    static boolean isRegionTimeZone(String zone) {
        try {
            return ZoneId.of(zone).getId().contains("/") && ZoneId.getAvailableZoneIds().contains(zone);
        } catch (DateTimeException e) {
            return false;
        }
    }
}
