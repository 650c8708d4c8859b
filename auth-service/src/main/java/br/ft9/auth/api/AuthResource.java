package br.ft9.auth.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.ResponseStatus;

import br.ft9.auth.domain.IssuedTokens;
import br.ft9.auth.domain.ServiceCredentials;
import br.ft9.auth.domain.Sessions;
import br.ft9.auth.domain.UserAccount;
import br.ft9.common.tenant.Role;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Sign-in, token refresh, sign-out and "who am I". */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final Sessions sessions;
    private final ServiceCredentials services;
    private final JsonWebToken token;
    private final HttpServerRequest http;

    public AuthResource(Sessions sessions, ServiceCredentials services, JsonWebToken token, HttpServerRequest http) {
        this.sessions = sessions;
        this.services = services;
        this.token = token;
        this.http = http;
    }

    @POST
    @Path("/login")
    @PermitAll
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "Sign in with email and password", description = "401 for any wrong email or password "
            + "(the answer never tells which); 429 with Retry-After after too many failures for an account or an address.")
    public Uni<TokenResponse> login(@Valid @NotNull LoginRequest request) {
        return sessions.signIn(request.email(), request.password(), clientAddress()).map(TokenResponse::of);
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "Swap a refresh token for new tokens", description = "Each refresh token works once; "
            + "presenting a used one revokes every token of that sign-in.")
    public Uni<TokenResponse> refresh(@Valid @NotNull RefreshRequest request) {
        return sessions.refresh(request.refreshToken()).map(TokenResponse::of);
    }

    @POST
    @Path("/service-token")
    @PermitAll
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "A platform service's token for one organisation (client credentials)", description = "For the "
            + "platform's own services only (e.g. flow-service asking memory-service for an answer): 401 for unknown "
            + "credentials, 403 for a suspended organisation. The token carries the SERVICE role, which no user can hold.")
    public Uni<TokenResponse> serviceToken(@Valid @NotNull ServiceTokenRequest request) {
        return services.tokenFor(request.clientId(), request.clientSecret(), request.orgId(), clientAddress())
                .map(issued -> new TokenResponse(issued.token(), "Bearer", seconds(issued.expiresAt()), null));
    }

    /** Client credentials of a platform service and the organisation it acts for. */
    public record ServiceTokenRequest(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 100) String clientId,
            @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 200) String clientSecret,
            @NotNull UUID orgId) {
    }

    @POST
    @Path("/logout")
    @RolesAllowed({ Role.SUPER_ADMIN_NAME, Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME })
    @ResponseStatus(204)
    @Operation(summary = "Sign out", description = "Revokes this access token and the given refresh token's sign-in, "
            + "or every sign-in of the user when no refresh token is given.")
    public Uni<Void> logout(@Valid LogoutRequest request) {
        Optional<String> refreshToken = Optional.ofNullable(request).map(LogoutRequest::refreshToken);
        return sessions.signOut(UUID.fromString(token.getSubject()), token.getTokenID(),
                Instant.ofEpochSecond(token.getExpirationTime()), refreshToken);
    }

    @GET
    @Path("/me")
    @RolesAllowed({ Role.SUPER_ADMIN_NAME, Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME })
    @WithSession
    @Operation(summary = "The signed-in user")
    public Uni<MeResponse> me() {
        return UserAccount.<UserAccount>findById(UUID.fromString(token.getSubject()))
                .onItem().ifNull().failWith(() -> new NotFoundException("no such user"))
                .map(MeResponse::of);
    }

    private String clientAddress() {
        // With quarkus.http.proxy.* set for a trusted ingress, this is the client's address, not the proxy's.
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    /** Seconds until the access token expires, the {@code expiresIn} of the answer. */
    static long seconds(Instant expiresAt) {
        return Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds());
    }

    /** The tokens as the client receives them (OAuth 2.0 style field names in camelCase). */
    public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {
        static TokenResponse of(IssuedTokens tokens) {
            return new TokenResponse(tokens.accessToken(), "Bearer", seconds(tokens.accessTokenExpiresAt()), tokens.refreshToken());
        }
    }
}
