package br.ft9.tenant.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import br.ft9.tenant.domain.Organization;

/** An organisation as the API shows it. */
public record OrganizationResponse(UUID id, String name, String slug, String timeZone, String locale, String status,
        OffsetDateTime createdAt) {

    static OrganizationResponse of(Organization organization) {
        return new OrganizationResponse(organization.id, organization.name, organization.slug, organization.timeZone,
                organization.locale, organization.status.name(), organization.createdAt);
    }
}
