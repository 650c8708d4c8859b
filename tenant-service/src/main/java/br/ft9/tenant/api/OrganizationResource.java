package br.ft9.tenant.api;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import br.ft9.common.api.PageResponse;
import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.tenant.domain.OrganizationRules;
import br.ft9.tenant.domain.Organizations;
import io.smallrye.mutiny.Uni;

/** Organisations: the caller's own (me), and all of them for platform staff. */
@Path("/api/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class OrganizationResource {

    private final Organizations organizations;
    private final TenantContext tenant;

    public OrganizationResource(Organizations organizations, TenantContext tenant) {
        this.organizations = organizations;
        this.tenant = tenant;
    }

    @POST
    @RolesAllowed(Role.SUPER_ADMIN_NAME)
    @Operation(summary = "Open an organisation", description = "SUPER_ADMIN only. 409 if the slug is taken. "
            + "With firstAdminEmail, auth-service invites that person as its ORG_ADMIN.")
    public Uni<RestResponse<OrganizationResponse>> open(@Valid @NotNull CreateOrganizationRequest request) {
        return organizations.open(OrganizationRules.check(request.name(), request.slug(), request.timeZone(), request.locale()),
                        request.firstAdminEmail())
                .map(OrganizationResponse::of)
                .map(created -> RestResponse.ResponseBuilder.<OrganizationResponse>
                        created(URI.create("/api/organizations/" + created.id())).entity(created).build());
    }

    @GET
    @Path("/me")
    @RolesAllowed({Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME})
    @Operation(summary = "The caller's organisation and its settings")
    public Uni<OrganizationResponse> me() {
        return organizations.get(tenant.orgId()).map(OrganizationResponse::of);
    }

    @PATCH
    @Path("/me")
    @RolesAllowed(Role.ORG_ADMIN_NAME)
    @Operation(summary = "Change the caller's organisation's settings", description = "ORG_ADMIN only. Fields left out "
            + "stay as they are. 400 names the first field that is wrong, and then nothing changes.")
    public Uni<OrganizationResponse> change(@Valid @NotNull SettingsRequest request) {
        return organizations.change(tenant.orgId(), request.toChange()).map(OrganizationResponse::of);
    }

    @GET
    @RolesAllowed(Role.SUPER_ADMIN_NAME)
    @Operation(summary = "Search organisations by name or slug (SUPER_ADMIN)")
    public Uni<PageResponse<OrganizationResponse>> search(@QueryParam("q") String text,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return organizations.search(text, page, size).map(found -> found.map(OrganizationResponse::of));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Role.SUPER_ADMIN_NAME)
    @Operation(summary = "One organisation (SUPER_ADMIN)")
    public Uni<OrganizationResponse> get(@RestPath UUID id) {
        return organizations.get(id).map(OrganizationResponse::of);
    }

    @POST
    @Path("/{id}/suspend")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.SUPER_ADMIN_NAME)
    @Operation(summary = "Suspend an organisation: its users can no longer sign in (SUPER_ADMIN)")
    public Uni<OrganizationResponse> suspend(@RestPath UUID id) {
        return organizations.suspend(id).map(OrganizationResponse::of);
    }

    @POST
    @Path("/{id}/reactivate")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.SUPER_ADMIN_NAME)
    @Operation(summary = "Reactivate a suspended organisation (SUPER_ADMIN)")
    public Uni<OrganizationResponse> reactivate(@RestPath UUID id) {
        return organizations.reactivate(id).map(OrganizationResponse::of);
    }
}
