package br.ft9.auth.api;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseStatus;

import br.ft9.auth.domain.Passwords;
import br.ft9.common.tenant.Role;
import io.smallrye.mutiny.Uni;

/** A password forgotten (a mailed link) or changed while signed in. */
@Path("/api/auth/password")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PasswordResource {

    private final Passwords passwords;
    private final JsonWebToken token;

    public PasswordResource(Passwords passwords, JsonWebToken token) {
        this.passwords = passwords;
        this.token = token;
    }

    @POST
    @Path("/forgot")
    @PermitAll
    @ResponseStatus(202)
    @Operation(summary = "Mail a link to choose a new password", description = "Always 202, whether or not the address "
            + "has an account (the answer never tells); the link works once, for an hour; one mail per account every two minutes.")
    public Uni<Void> forgot(@Valid @NotNull ForgotRequest request) {
        return passwords.forgot(request.email());
    }

    @POST
    @Path("/reset")
    @PermitAll
    @ResponseStatus(204)
    @Operation(summary = "Choose a new password with the mailed link's token", description = "Ends every sign-in of the account.")
    public Uni<Void> reset(@Valid @NotNull ResetRequest request) {
        return passwords.reset(request.token(), request.password());
    }

    @POST
    @RolesAllowed({ Role.SUPER_ADMIN_NAME, Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME })
    @ResponseStatus(204)
    @Operation(summary = "Change the signed-in user's password", description = "400 naming currentPassword when it is wrong.")
    public Uni<Void> change(@Valid @NotNull ChangeRequest request) {
        return passwords.change(UUID.fromString(token.getSubject()), request.currentPassword(), request.newPassword());
    }

    public record ForgotRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    public record ResetRequest(@NotBlank @Size(max = 512) String token, @NotBlank @Size(min = 8, max = 1024) String password) {
    }

    public record ChangeRequest(@NotBlank @Size(max = 1024) String currentPassword,
            @NotBlank @Size(min = 8, max = 1024) String newPassword) {
    }
}
