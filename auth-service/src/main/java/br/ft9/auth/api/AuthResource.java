package br.ft9.auth.api;

import java.time.Clock;
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
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import br.ft9.common.errors.InvalidField;

import br.ft9.auth.domain.IssuedTokens;
import br.ft9.auth.domain.ServiceCredentials;
import br.ft9.auth.domain.Sessions;
import br.ft9.auth.domain.UserAccount;
import br.ft9.auth.domain.UserDirectory;
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

    private final Duration refreshLifetime;
    private final UserDirectory users;
    private final Clock clock;

    public AuthResource(Sessions sessions, ServiceCredentials services, JsonWebToken token, HttpServerRequest http,
            @ConfigProperty(name = "ft9.jwt.refresh-token-lifetime") Duration refreshLifetime, UserDirectory users, Clock clock) {
        this.clock = clock;
        this.refreshLifetime = refreshLifetime;
        this.users = users;
        this.sessions = sessions;
        this.services = services;
        this.token = token;
        this.http = http;
    }

    @POST
    @Path("/login")
    @PermitAll
    @Operation(summary = "Sign in with email and password", description = "401 for any wrong email or password "
            + "(the answer never tells which); 429 with Retry-After after too many failures for an account or an address.")
    public Uni<RestResponse<TokenResponse>> login(@Valid @NotNull LoginRequest request) {
        return sessions.signIn(request.email(), request.password(), clientAddress())
                .map(tokens -> answer(tokens, request.refreshTokenPlace() == RefreshTokenIn.COOKIE));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "Swap a refresh token for new tokens", description = "Each refresh token works once; "
            + "presenting a used one revokes every token of that sign-in. A sign-in made with refreshTokenIn COOKIE "
            + "refreshes with its cookie (send {}), and gets the next refresh token in the cookie again.")
    public Uni<RestResponse<TokenResponse>> refresh(@Valid RefreshRequest request, @RestCookie(RefreshCookie.NAME) String cookie) {
        String inBody = request == null ? null : request.refreshToken();
        boolean fromCookie = (inBody == null || inBody.isBlank()) && cookie != null && !cookie.isBlank();
        String presented = fromCookie ? cookie : inBody;
        if (presented == null || presented.isBlank()) {
            throw new InvalidField("refreshToken", "a refresh token is needed, in the body or in the sign-in's cookie");
        }
        return sessions.refresh(presented).map(tokens -> answer(tokens, fromCookie));
    }

    /** The tokens, with the refresh token in the body or, for a cookie sign-in, only in the cookie. */
    private RestResponse<TokenResponse> answer(IssuedTokens tokens, boolean inCookie) {
        RestResponse.ResponseBuilder<TokenResponse> answer = RestResponse.ResponseBuilder.ok(new TokenResponse(
                tokens.accessToken(), "Bearer", seconds(tokens.accessTokenExpiresAt()), inCookie ? null : tokens.refreshToken()))
                .header("Cache-Control", "no-store");
        return inCookie ? answer.cookie(RefreshCookie.holding(tokens.refreshToken(), refreshLifetime, secure())).build()
                : answer.build();
    }

    private boolean secure() {
        // With the trusted ingress's forwarded headers honoured, this is the scheme the browser used.
        return "https".equalsIgnoreCase(http.scheme());
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
    @Operation(summary = "Sign out", description = "Revokes this access token and the given refresh token's sign-in, "
            + "or every sign-in of the user when no refresh token is given.")
    public Uni<RestResponse<Void>> logout(@Valid LogoutRequest request, @RestCookie(RefreshCookie.NAME) String cookie) {
        Optional<String> refreshToken = Optional.ofNullable(request).map(LogoutRequest::refreshToken)
                .or(() -> Optional.ofNullable(cookie).filter(c -> !c.isBlank()));
        return sessions.signOut(UUID.fromString(token.getSubject()), token.getTokenID(),
                Instant.ofEpochSecond(token.getExpirationTime()), refreshToken)
                .map(done -> cookie == null ? RestResponse.<Void>noContent()
                        : RestResponse.ResponseBuilder.<Void>noContent().cookie(RefreshCookie.cleared(secure())).build());
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

    @jakarta.ws.rs.PATCH
    @Path("/me")
    @RolesAllowed({ Role.SUPER_ADMIN_NAME, Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME })
    @Operation(summary = "Change the signed-in user's display name", description = "{\"displayName\"}: up to 100 "
            + "characters; blank removes it.")
    public Uni<MeResponse> rename(@Valid @NotNull RenameRequest request) {
        return users.rename(UUID.fromString(token.getSubject()), request.displayName()).map(MeResponse::of);
    }

    /** The name colleagues see. */
    public record RenameRequest(@jakarta.validation.constraints.Size(max = 100) String displayName) {
    }

    private String clientAddress() {
        // With quarkus.http.proxy.* set for a trusted ingress, this is the client's address, not the proxy's.
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    /** Seconds until the access token expires, the {@code expiresIn} of the answer. */
    private long seconds(Instant expiresAt) {
        return Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds());
    }

    /** The tokens as the client receives them (OAuth 2.0 style field names in camelCase). */
    public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {
    }
}
