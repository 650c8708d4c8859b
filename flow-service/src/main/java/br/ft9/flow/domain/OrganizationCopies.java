package br.ft9.flow.domain;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** flow's copy of each organisation, kept from tenant-service's events: zone, hours, standing, plan limits, erasure. */
@ApplicationScoped
public class OrganizationCopies {

    private final OrganizationProfiles profiles;
    private final AnnouncedClaims claims;

    public OrganizationCopies(OrganizationProfiles profiles, AnnouncedClaims claims) {
        this.profiles = profiles;
        this.claims = claims;
    }

    public Uni<Void> keep(UUID orgId, String timeZone, String status, String businessHoursJson, Integer messageRetentionDays) {
        return profiles.keep(orgId, timeZone, status, businessHoursJson, messageRetentionDays);
    }

    public Uni<Void> limit(UUID orgId, int activeAutomations, Integer runsPerMonth) {
        // A bigger plan may leave runs where there were none (or a smaller one none): the claims follow.
        return profiles.limit(orgId, activeAutomations, runsPerMonth).chain(() -> claims.limitsChanged(orgId));
    }

    /** A deleted organisation's automations (their runs cascade), contacts and profile go. */
    public Uni<Void> erase(UUID orgId) {
        return Automation.delete("orgId", orgId).chain(() -> profiles.erase(orgId));
    }
}
