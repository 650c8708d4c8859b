package br.ft9.tenant.infra;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import br.ft9.common.errors.TooManyRequests;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/** Counts public sign-ups per client address in Redis, so that nobody opens organisations by the thousand. */
@ApplicationScoped
public class SignupLimiter {

    private static final String PREFIX = "ft9:signups:ip:";

    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;
    private final int maxPerWindow;
    private final Duration window;

    public SignupLimiter(ReactiveRedisDataSource redis,
            @ConfigProperty(name = "ft9.signup.max-per-address", defaultValue = "5") int maxPerWindow,
            @ConfigProperty(name = "ft9.signup.window", defaultValue = "PT1H") Duration window) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.maxPerWindow = maxPerWindow;
        this.window = window;
    }

    /** Counts this sign-up; fails with 429 and when to come back once the address used up its window. */
    public Uni<Void> allow(String address) {
        String key = PREFIX + address;
        return counters.incr(key).chain(count -> {
            Uni<Void> expiry = count == 1 ? keys.expire(key, window).replaceWithVoid() : Uni.createFrom().voidItem();
            if (count <= maxPerWindow) {
                return expiry;
            }
            return expiry.chain(() -> keys.ttl(key)).chain(seconds -> Uni.createFrom().failure(
                    new TooManyRequests("too many sign-ups from this address; try again later", Duration.ofSeconds(Math.max(1, seconds)))));
        });
    }
}
