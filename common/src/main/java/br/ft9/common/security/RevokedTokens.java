package br.ft9.common.security;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.smallrye.mutiny.Uni;

/**
 * Access tokens revoked before they expire (logout, deactivation), by token id, in Redis. An entry
 * lives only as long as the token would have, so the set stays small.
 */
@ApplicationScoped
public class RevokedTokens {

    private static final String PREFIX = "ft9:revoked-jti:";

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;

    public RevokedTokens(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
        this.keys = redis.key();
    }

    /** Revokes the token with this id for as long as it would still be valid. */
    public Uni<Void> revoke(String tokenId, Duration remainingLifetime) {
        long seconds = Math.max(1, remainingLifetime.toSeconds());
        return values.setex(PREFIX + tokenId, seconds, "1");
    }

    public Uni<Boolean> isRevoked(String tokenId) {
        return keys.exists(PREFIX + tokenId);
    }
}
