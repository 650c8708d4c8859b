package br.ft9.tenant.api;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import br.ft9.common.api.PageResponse;
import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.tenant.domain.OrganizationRules;
import br.ft9.tenant.domain.Organizations;
import br.ft9.tenant.infra.SignupLimiter;
import io.vertx.core.http.HttpServerRequest;
import io.smallrye.mutiny.Uni;

/** Organisations: the caller's own (me), and all of them for platform staff. */
@Path("/api/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    private final Organizations organizations;
    private final TenantContext tenant;
    private final SignupLimiter signups;
    private final HttpServerRequest http;
    private final Duration deletionGrace;

    public OrganizationResource(Organizations organizations, TenantContext tenant, SignupLimiter signups,
            HttpServerRequest http, @ConfigProperty(name = "ft9.deletion.grace-period", defaultValue = "P30D") Duration deletionGrace) {
        this.organizations = organizations;
        this.tenant = tenant;
        this.signups = signups;
        this.http = http;
        this.deletionGrace = deletionGrace;
    }

    private String clientAddress() {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
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

    @POST
    @Path("/signup")
    @PermitAll
    @Operation(summary = "Sign up: a new organisation on the Starter plan in trial", description = "Public. The admin "
            + "receives an invitation mail from auth-service to set a password. 429 after "
            + "a few sign-ups from one address within an hour.")
    public Uni<RestResponse<OrganizationResponse>> signUp(@Valid @NotNull SignupRequest request) {
        var settings = OrganizationRules.check(request.name(), request.slug(), request.timeZone(), request.locale());
        return signups.allow(clientAddress())
                .chain(() -> organizations.open(settings, request.adminEmail()))
                .map(OrganizationResponse::of)
                .map(created -> RestResponse.ResponseBuilder.<OrganizationResponse>
                        created(URI.create("/api/organizations/" + created.id())).entity(created).build());
    }

    @GET
    @Path("/me/limits")
    @RolesAllowed({Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME})
    @Operation(summary = "The plan's limits and the organisation's current use")
    public Uni<LimitsResponse> limits() {
        return organizations.limits(tenant.orgId()).map(found -> LimitsResponse.of(found.organization(), found.seatsInUse()));
    }

    @DELETE
    @Path("/me")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.ORG_ADMIN_NAME)
    @ResponseStatus(202)
    @Operation(summary = "Delete the caller's organisation after a grace period", description = "ORG_ADMIN. Its users "
            + "are shut out at once; platform staff can restore it until deletionDueAt; then every service erases its data.")
    public Uni<OrganizationResponse> deleteMine() {
        return organizations.scheduleDeletion(tenant.orgId(), deletionGrace).map(OrganizationResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.SUPER_ADMIN_NAME)
    @ResponseStatus(202)
    @Operation(summary = "Delete an organisation after a grace period (SUPER_ADMIN)")
    public Uni<OrganizationResponse> delete(@RestPath UUID id) {
        return organizations.scheduleDeletion(id, deletionGrace).map(OrganizationResponse::of);
    }

    @POST
    @Path("/{id}/restore")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.SUPER_ADMIN_NAME)
    @Operation(summary = "Cancel a pending deletion (SUPER_ADMIN)")
    public Uni<OrganizationResponse> restore(@RestPath UUID id) {
        return organizations.restore(id).map(OrganizationResponse::of);
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
