package br.ft9.common.security;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * Access tokens revoked before they expire (logout, deactivation, a role change, the organisation suspended), by token
 * id, user or organisation, in Redis. An entry
 * lives only as long as the token would have, so the set stays small.
 */
@ApplicationScoped
public class RevokedTokens {

    private static final String PREFIX = "ft9:revoked-jti:";
    private static final String USER_PREFIX = "ft9:revoked-user-before:";
    private static final String ORG_PREFIX = "ft9:revoked-org-before:";

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

    /**
     * Revokes every access token of the organisation's users and services issued up to now (suspension, deletion
     * requested), for as long as such a token could still be valid; tokens issued later (after a reactivation) work.
     */
    public Uni<Void> revokeOrganization(String orgId, java.time.Instant now, Duration accessTokenLifetime) {
        return values.setex(ORG_PREFIX + orgId, Math.max(1, accessTokenLifetime.toSeconds()), String.valueOf(now.getEpochSecond()));
    }

    /** True when this token, every token of its user, or every token of its organisation issued no later than it was revoked. */
    public Uni<Boolean> isRevoked(String tokenId, String userId, String orgId, long issuedAtEpochSecond) {
        String orgKey = ORG_PREFIX + (orgId == null ? "-" : orgId);
        return values.mget(PREFIX + tokenId, USER_PREFIX + userId, orgKey).map(found -> {
            if (found.get(PREFIX + tokenId) != null) {
                return true;
            }
            return before(found.get(USER_PREFIX + userId), issuedAtEpochSecond) || before(found.get(orgKey), issuedAtEpochSecond);
        });
    }

    private static boolean before(String cutoff, long issuedAtEpochSecond) {
        return cutoff != null && issuedAtEpochSecond <= Long.parseLong(cutoff);
    }
}
