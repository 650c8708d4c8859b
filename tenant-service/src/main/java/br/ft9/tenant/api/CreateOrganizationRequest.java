package br.ft9.tenant.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/organizations}; time zone and locale default to America/Sao_Paulo and
 * pt-BR. With {@code firstAdminEmail}, auth-service invites that person as the organisation's admin.
 */
public record CreateOrganizationRequest(
        @NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 63) String slug,
        @Size(max = 64) String timeZone,
        @Size(max = 16) String locale,
        @Email @Size(max = 254) String firstAdminEmail) {
}
