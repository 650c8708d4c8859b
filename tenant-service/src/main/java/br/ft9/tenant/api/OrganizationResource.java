package br.ft9.tenant.api;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestResponse;

import br.ft9.common.tenant.Role;
import br.ft9.tenant.domain.OrganizationRules;
import br.ft9.tenant.domain.Organizations;
import io.smallrye.mutiny.Uni;

/** Organisations: opened by platform staff. */
@Path("/api/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class OrganizationResource {

    private final Organizations organizations;

    public OrganizationResource(Organizations organizations) {
        this.organizations = organizations;
    }

    @POST
    @RolesAllowed(Role.SUPER_ADMIN_NAME)
    @Operation(summary = "Open an organisation", description = "SUPER_ADMIN only. 409 if the slug is taken.")
    public Uni<RestResponse<OrganizationResponse>> open(@Valid @NotNull CreateOrganizationRequest request) {
        return organizations.open(OrganizationRules.check(request.name(), request.slug(), request.timeZone(), request.locale()))
                .map(OrganizationResponse::of)
                .map(created -> RestResponse.ResponseBuilder.<OrganizationResponse>
                        created(URI.create("/api/organizations/" + created.id())).entity(created).build());
    }
}
