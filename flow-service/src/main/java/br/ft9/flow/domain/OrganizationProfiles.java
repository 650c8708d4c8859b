package br.ft9.flow.domain;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** What flow keeps of each organisation from tenant-service (zone, hours, standing, plan limits); in the caller's transaction. */
public interface OrganizationProfiles {

    /** The organisation's time zone and opening hours (tenant's JSON, or null), or null when none was announced. */
    record Hours(String timeZone, String businessHoursJson) {
    }

    /** Keeps the organisation's copy; a null retention (an event from before the setting) keeps what is known. */
    Uni<Void> keep(UUID orgId, String timeZone, String status, String businessHoursJson, Integer messageRetentionDays);

    Uni<Void> limit(UUID orgId, int activeAutomations, Integer runsPerMonth);

    Uni<Hours> hours(UUID orgId);

    /** The organisation's contacts and profile go (its automations are the caller's). */
    Uni<Void> erase(UUID orgId);
}
