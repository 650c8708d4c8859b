package br.ft9.gateway.infra;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import br.ft9.gateway.domain.GatewaySettings;

/**
 * Keeps each WhatsApp number under its messages-per-second limit across every gateway replica: a counter
 * per number and second in Redis; over the limit, the sender waits for the next second. If Redis is
 * unreachable it lets the message through (Meta's own 429 and our retry are the second line).
 */
@ApplicationScoped
public class SendRateLimiter {

    private static final Logger LOG = Logger.getLogger(SendRateLimiter.class);
    private static final String PREFIX = "ft9:gateway:sent-per-second:";

    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;
    private final Vertx vertx;
    private final int perSecond;

    public SendRateLimiter(ReactiveRedisDataSource redis, Vertx vertx, GatewaySettings settings) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.vertx = vertx;
        this.perSecond = settings.rateLimitPerSecond();
    }

    /** Completes when the number may send one more message in the current second. */
    public Uni<Void> acquire(String phoneNumberId) {
        return tryAcquire(phoneNumberId).onFailure().recoverWithUni(e -> {
            LOG.warnf("send rate limit not checked (Redis: %s); sending anyway", e.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> tryAcquire(String phoneNumberId) {
        long now = System.currentTimeMillis();
        long second = now / 1000;
        String key = PREFIX + phoneNumberId + ":" + second;
        return counters.incr(key)
                .call(count -> count == 1 ? keys.expire(key, 2) : Uni.createFrom().voidItem())
                .chain(count -> {
                    if (count <= perSecond) {
                        return Uni.createFrom().voidItem();
                    }
                    // A Vert.x timer resumes on the caller's context, where the database work goes on.
                    long wait = (second + 1) * 1000 - now + 1;
                    return Uni.createFrom().<Void>emitter(e -> vertx.setTimer(wait, id -> e.complete(null)))
                            .chain(() -> tryAcquire(phoneNumberId));
                });
    }
}
