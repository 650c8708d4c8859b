package br.ft9.tenant.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import br.ft9.tenant.domain.Organization;

/** Data of {@code ft9.tenant.organization.created.v1}: an organisation was opened. */
public record OrganizationCreatedV1(UUID orgId, String name, String slug, String timeZone, String locale,
        String status, OffsetDateTime createdAt) {

    public static final String TYPE = "ft9.tenant.organization.created.v1";

    public static OrganizationCreatedV1 of(Organization organization) {
        return new OrganizationCreatedV1(organization.id, organization.name, organization.slug, organization.timeZone,
                organization.locale, organization.status.name(), organization.createdAt);
    }
}
