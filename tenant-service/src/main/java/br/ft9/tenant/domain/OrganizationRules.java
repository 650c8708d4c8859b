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

    /** Region ids only ("America/Sao_Paulo"): fixed offsets would ignore daylight-saving rules. */
    static boolean isRegionTimeZone(String zone) {
        try {
            return ZoneId.of(zone).getId().contains("/") && ZoneId.getAvailableZoneIds().contains(zone);
        } catch (DateTimeException e) {
            return false;
        }
    }
}
