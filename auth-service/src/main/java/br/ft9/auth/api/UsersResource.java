package br.ft9.auth.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import br.ft9.auth.domain.Actor;
import br.ft9.auth.domain.UserAccount;
import br.ft9.auth.domain.UserDirectory;
import br.ft9.common.api.PageResponse;
import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;

/** An organisation's users: invite, accept, list, look up, change role, deactivate. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    private final UserDirectory users;
    private final TenantContext tenant;

    public UsersResource(UserDirectory users, TenantContext tenant) {
        this.users = users;
        this.tenant = tenant;
    }

    @POST
    @Path("/invitations")
    @RolesAllowed({Role.ORG_ADMIN_NAME, Role.SUPER_ADMIN_NAME})
    @Operation(summary = "Invite a user", description = "ORG_ADMIN: into their own organisation. SUPER_ADMIN: into the "
            + "organisation named by orgId. The invitation token goes to the invitee by email only.")
    public Uni<RestResponse<InvitationResponse>> invite(@Valid @NotNull InviteRequest request) {
        return users.invite(actor(), request.orgId(), request.email(), request.role(), request.displayName())
                .map(invited -> RestResponse.ResponseBuilder.<InvitationResponse>created(
                        URI.create("/api/users/" + invited.user().id))
                        .entity(new InvitationResponse(UserResponse.of(invited.user()), invited.expiresAt(), invited.mailSent()))
                        .build());
    }

    @POST
    @Path("/invitations/accept")
    @PermitAll
    @ResponseStatus(204)
    @Operation(summary = "Accept an invitation by setting a password")
    public Uni<Void> accept(@Valid @NotNull AcceptInvitationRequest request) {
        return users.accept(request.token(), request.password(), request.displayName());
    }

    @GET
    @RolesAllowed({Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.SUPER_ADMIN_NAME})
    @Operation(summary = "List an organisation's users", description = "The caller's organisation; SUPER_ADMIN names one with orgId.")
    public Uni<PageResponse<UserResponse>> list(@QueryParam("orgId") UUID orgId,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return users.list(actor(), orgId, page, size).map(found -> found.map(UserResponse::of));
    }

    @GET
    @Path("/colleagues")
    @RolesAllowed({Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME})
    @Operation(summary = "The active members of the caller's organisation", description = "For every member (agents "
            + "included): whom a conversation can be assigned to, and the names the inbox shows.")
    public Uni<java.util.List<ColleagueResponse>> colleagues() {
        return users.colleagues(actor()).map(found -> found.stream().map(ColleagueResponse::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.SUPER_ADMIN_NAME})
    @Operation(summary = "One user of the caller's organisation (404 for anyone else's)")
    public Uni<UserResponse> get(@RestPath UUID id) {
        return users.get(actor(), id).map(UserResponse::of);
    }

    @PUT
    @Path("/{id}/role")
    @RolesAllowed({Role.ORG_ADMIN_NAME, Role.SUPER_ADMIN_NAME})
    @Operation(summary = "Change a user's role", description = "Not your own; ORG_ADMIN, ORG_MANAGER or ORG_AGENT.")
    public Uni<UserResponse> changeRole(@RestPath UUID id, @Valid @NotNull RoleRequest request) {
        return users.changeRole(actor(), id, request.role()).map(UserResponse::of);
    }

    @POST
    @Path("/{id}/invitation")
    @Consumes(MediaType.WILDCARD) // no body
    @RolesAllowed({Role.ORG_ADMIN_NAME, Role.SUPER_ADMIN_NAME})
    @Operation(summary = "Send an invitation again", description = "A new link, valid for 7 days; the earlier links stop "
            + "working. 409 once the invitation was accepted.")
    public Uni<InvitationResponse> resendInvitation(@RestPath UUID id) {
        return users.resendInvitation(actor(), id)
                .map(invited -> new InvitationResponse(UserResponse.of(invited.user()), invited.expiresAt(), invited.mailSent()));
    }

    @DELETE
    @Path("/{id}/invitation")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    @RolesAllowed({Role.ORG_ADMIN_NAME, Role.SUPER_ADMIN_NAME})
    @Operation(summary = "Withdraw an invitation not accepted yet", description = "Its links stop working and the invited "
            + "account goes (the address can be invited again). 409 once the invitation was accepted.")
    public Uni<Void> revokeInvitation(@RestPath UUID id) {
        return users.revokeInvitation(actor(), id);
    }

    @POST
    @Path("/{id}/deactivate")
    @Consumes(MediaType.WILDCARD) // no body
    @RolesAllowed({Role.ORG_ADMIN_NAME, Role.SUPER_ADMIN_NAME})
    @Operation(summary = "Deactivate a user for good, ending all their sign-ins")
    public Uni<UserResponse> deactivate(@RestPath UUID id) {
        return users.deactivate(actor(), id).map(UserResponse::of);
    }

    private Actor actor() {
        Role role = Role.SUPER_ADMIN;
        for (Role candidate : Role.values()) {
            if (tenant.hasRole(candidate)) {
                role = candidate;
                break;
            }
        }
        return new Actor(tenant.userId(), tenant.optionalOrgId().orElse(null), role);
    }

    /** Body of an invitation; {@code orgId} only for platform staff. */
    public record InviteRequest(@NotBlank @Email @Size(max = 254) String email, @NotNull Role role, UUID orgId,
            @Size(max = 100) String displayName) {
    }

    /** The invitee's password and, if they give it, the name colleagues will see. */
    public record AcceptInvitationRequest(@NotBlank @Size(max = 512) String token,
            @NotBlank @Size(min = 8, max = 1024) String password, @Size(max = 100) String displayName) {
    }

    /** A colleague as every member sees them: no status, no dates. */
    public record ColleagueResponse(UUID id, String displayName, String email, String role) {
        static ColleagueResponse of(UserAccount user) {
            return new ColleagueResponse(user.id, user.displayName, user.email, user.role.name());
        }
    }

    public record RoleRequest(@NotNull Role role) {
    }

    public record UserResponse(UUID id, UUID orgId, String email, String displayName, String role, String status,
            OffsetDateTime createdAt) {
        static UserResponse of(UserAccount user) {
            return new UserResponse(user.id, user.orgId, user.email, user.displayName, user.role.name(), user.status.name(),
                    user.createdAt);
        }
    }

    public record InvitationResponse(UserResponse user, OffsetDateTime expiresAt, boolean invitationMailSent) {
    }
}
