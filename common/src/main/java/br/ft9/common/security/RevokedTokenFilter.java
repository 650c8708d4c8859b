package br.ft9.common.security;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import br.ft9.common.errors.ProblemMappers;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Refuses, in every service, a signed and unexpired access token that its owner has revoked: before any route or role
 * check (pre-matching), so that a revoked token gets 401 everywhere, never a 403 that would still treat it as someone.
 */
public class RevokedTokenFilter {

    private final SecurityIdentity identity;
    private final RevokedTokens revoked;

    public RevokedTokenFilter(SecurityIdentity identity, RevokedTokens revoked) {
        this.identity = identity;
        this.revoked = revoked;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> refuseRevokedTokens() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getTokenID() == null) {
            return Uni.createFrom().nullItem();
        }
        Object org = token.getClaim("org_id");
        return revoked.isRevoked(token.getTokenID(), token.getSubject(), org == null ? null : org.toString(), token.getIssuedAtTime())
                .map(isRevoked -> isRevoked
                ? ProblemMappers.problem(Response.Status.UNAUTHORIZED, "this access token has been revoked; sign in again")
                        .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build().toResponse()
                : null);
    }
}
