package br.ft9.auth.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Signs access tokens: a user's, or a platform service's for one organisation. */
public interface AccessTokens {

    /** A signed access token with what the caller needs to know about it. */
    record AccessToken(String token, String id, Instant expiresAt) {
    }

    AccessToken accessToken(UserAccount user);

    AccessToken serviceToken(String clientId, UUID orgId);

    Duration accessTokenLifetime();
}
