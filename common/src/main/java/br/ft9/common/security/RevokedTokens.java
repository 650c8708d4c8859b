package br.ft9.common.security;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * Access tokens revoked before they expire (logout, deactivation), by token id, in Redis. An entry
 * lives only as long as the token would have, so the set stays small.
 */
@ApplicationScoped
public class RevokedTokens {

    private static final String PREFIX = "ft9:revoked-jti:";
    private static final String USER_PREFIX = "ft9:revoked-user-before:";

    private final ReactiveValueCommands<String, String> values;

    public RevokedTokens(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    /** Revokes the token with this id for as long as it would still be valid. */
    public Uni<Void> revoke(String tokenId, Duration remainingLifetime) {
        long seconds = Math.max(1, remainingLifetime.toSeconds());
        return values.setex(PREFIX + tokenId, seconds, "1");
    }

    /**
     * Revokes every access token of the user issued up to now (deactivation, sign-out everywhere,
     * a stolen refresh token), for as long as such a token could still be valid.
     */
    public Uni<Void> revokeAllOf(String userId, java.time.Instant now, Duration accessTokenLifetime) {
        return values.setex(USER_PREFIX + userId, Math.max(1, accessTokenLifetime.toSeconds()), String.valueOf(now.getEpochSecond()));
    }

    /** True when this token, or every token of its user issued no later than it, was revoked. */
    public Uni<Boolean> isRevoked(String tokenId, String userId, long issuedAtEpochSecond) {
        return values.mget(PREFIX + tokenId, USER_PREFIX + userId).map(found -> {
            if (found.get(PREFIX + tokenId) != null) {
                return true;
            }
            String cutoff = found.get(USER_PREFIX + userId);
            return cutoff != null && issuedAtEpochSecond <= Long.parseLong(cutoff);
        });
    }
}
