package br.ft9.auth.infra;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import br.ft9.auth.domain.AccessTokens;
import br.ft9.auth.domain.UserAccount;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Signs RS256 access tokens and makes opaque refresh tokens (only their hash is ever stored). */
@ApplicationScoped
public class TokenIssuer implements AccessTokens {

    private final SigningKeys keys;
    private final String issuer;
    private final String audience;
    private final Duration accessTokenLifetime;
    private final Clock clock;

    public TokenIssuer(SigningKeys keys, @ConfigProperty(name = "ft9.jwt.issuer") String issuer,
            @ConfigProperty(name = "ft9.jwt.audience") String audience,
            @ConfigProperty(name = "ft9.jwt.access-token-lifetime") Duration accessTokenLifetime, Clock clock) {
        this.clock = clock;
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.accessTokenLifetime = accessTokenLifetime;
    }

    /** A signed access token: iss, aud, sub, org_id (absent for platform staff), groups, jti, iat, exp. */
    @Override
    public AccessToken accessToken(UserAccount user) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(accessTokenLifetime);
        String jti = UUID.randomUUID().toString();
        JwtClaimsBuilder claims = Jwt.issuer(issuer).audience(audience)
                .subject(user.id.toString())
                .groups(Set.of(user.role.name()))
                .claim("jti", jti)
                .issuedAt(now)
                .expiresAt(expiresAt);
        if (user.orgId != null) {
            claims.claim("org_id", user.orgId.toString());
        }
        String token = claims.jws().keyId(keys.keyId()).algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(keys.privateKey());
        return new AccessToken(token, jti, expiresAt);
    }

    /**
     * A short-lived token for a platform service acting for one organisation: sub is the client's name, groups
     * {@code SERVICE}, org_id the organisation; no refresh token (the service asks again).
     */
    @Override
    public AccessToken serviceToken(String clientId, UUID orgId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(accessTokenLifetime);
        String jti = UUID.randomUUID().toString();
        String token = Jwt.issuer(issuer).audience(audience).subject(clientId).groups(Set.of(br.ft9.common.tenant.Role.SERVICE_NAME))
                .claim("org_id", orgId.toString()).claim("jti", jti).issuedAt(now).expiresAt(expiresAt)
                .jws().keyId(keys.keyId()).algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(keys.privateKey());
        return new AccessToken(token, jti, expiresAt);
    }

    @Override
    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

}
