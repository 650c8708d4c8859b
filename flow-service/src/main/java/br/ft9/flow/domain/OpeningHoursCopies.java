package br.ft9.flow.domain;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.copies.KeptCopies;
import br.ft9.common.tenant.OpeningHours;
import io.smallrye.mutiny.Uni;

/**
 * Each organisation's opening hours in its time zone, read and parsed once and kept in memory ({@link KeptCopies}):
 * every inbound message asks whether the organisation is open. Forgotten at the database's notification of a change to
 * its profile.
 */
@ApplicationScoped
public class OpeningHoursCopies {

    private static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Sao_Paulo");

    /** The hours in their zone; no hours announced means open (as far as we know). */
    record Opening(ZoneId zone, OpeningHours hours) {
        boolean openAt(Clock clock) {
            return hours == null || hours.openAt(ZonedDateTime.now(clock.withZone(zone)));
        }
    }

    private final KeptCopies<UUID, Opening> copies;
    private final OrganizationProfiles profiles;

    public OpeningHoursCopies(FlowSettings settings, OrganizationProfiles profiles) {
        this.copies = new KeptCopies<>(settings.organizationCacheTtl(), settings.organizationCacheSize());
        this.profiles = profiles;
    }

    /** Whether the organisation is open by the clock, by its own hours and zone (open when it announced none). */
    public Uni<Boolean> openNow(UUID orgId, Clock clock) {
        return copies.of(orgId, () -> profiles.hours(orgId).map(OpeningHoursCopies::opening)).map(opening -> opening.openAt(clock));
    }

    private static Opening opening(OrganizationProfiles.Hours hours) {
        if (hours == null) {
            return new Opening(DEFAULT_ZONE, null);
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(hours.timeZone());
        } catch (DateTimeException | NullPointerException e) {
            zone = DEFAULT_ZONE;
        }
        return new Opening(zone, OpeningHours.parse(hours.businessHoursJson()));
    }

    /** Forgets the organisation's copy: its profile changed. */
    public void forget(UUID orgId) {
        copies.forget(orgId);
    }

    /** Forgets every copy: changes may have been missed (the listening connection was down). */
    public void forgetAll() {
        copies.forgetAll();
    }
}
