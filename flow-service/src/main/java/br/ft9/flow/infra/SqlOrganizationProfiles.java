package br.ft9.flow.infra;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.sql.SessionSql;
import br.ft9.flow.domain.OrganizationProfiles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** organization_profile by upsert: snapshots and limits arrive on their own and each fills its own columns. */
@ApplicationScoped
public class SqlOrganizationProfiles implements OrganizationProfiles {

    @Override
    public Uni<Void> keep(UUID orgId, String timeZone, String status, String businessHoursJson, Integer messageRetentionDays) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into organization_profile (org_id, time_zone,"
                + " status, business_hours, message_retention_days, updated_at) values (:org, :zone, :status, :hours, :days, now())"
                + " on conflict (org_id) do update set time_zone = :zone, status = :status, business_hours = :hours,"
                + " message_retention_days = coalesce(:days, organization_profile.message_retention_days), updated_at = now()")
                .setParameter("org", orgId).setParameter("zone", timeZone).setParameter("status", status)
                .setParameter("hours", businessHoursJson).setParameter("days", messageRetentionDays).executeUpdate()).replaceWithVoid();
    }

    @Override
    public Uni<Void> limit(UUID orgId, int activeAutomations, Integer runsPerMonth) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into organization_profile (org_id,"
                + " active_automations_limit, runs_per_month_limit, updated_at) values (:org, :limit, :runs, now())"
                + " on conflict (org_id) do update set active_automations_limit = :limit, runs_per_month_limit = :runs,"
                + " updated_at = now()")
                .setParameter("org", orgId).setParameter("limit", activeAutomations)
                .setParameter("runs", runsPerMonth).executeUpdate()).replaceWithVoid();
    }

    @Override
    public Uni<Hours> hours(UUID orgId) {
        return SessionSql.row("select time_zone, business_hours from organization_profile where org_id = $1", orgId)
                .map(row -> row == null ? null : new Hours((String) row[0], (String) row[1]));
    }

    @Override
    public Uni<Void> erase(UUID orgId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from flow_contact where org_id = :org")
                .setParameter("org", orgId).executeUpdate()
                .chain(() -> s.createNativeQuery("delete from organization_profile where org_id = :org").setParameter("org", orgId)
                        .executeUpdate())
                .chain(() -> s.createNativeQuery("delete from claims_announced where org_id = :org").setParameter("org", orgId)
                        .executeUpdate()))
                .replaceWithVoid();
    }
}
