package br.ft9.auth.infra;

import br.ft9.auth.domain.AttemptLimits;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * Failed sign-ins counted per account and per client address in Redis over a sliding window, so that guessing
 * passwords is slow whether one account or many are attacked from one place. An account over its limit waits the
 * window out; an address over its limit is slowed down, never refused: many people can share one address (a clinic's
 * network, a carrier's NAT), and a correct password from it must still work.
 */
@ApplicationScoped
public class LoginAttempts implements AttemptLimits {

    private static final String ACCOUNT = "ft9:login-failures:account:";
    private static final String ADDRESS = "ft9:login-failures:ip:";

    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;
    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;
    private final Duration slowdownStep;
    private final Duration maxSlowdown;

    public LoginAttempts(ReactiveRedisDataSource redis,
            @ConfigProperty(name = "ft9.login.max-failures-per-account", defaultValue = "5") int maxPerAccount,
            @ConfigProperty(name = "ft9.login.max-failures-per-address", defaultValue = "20") int maxPerAddress,
            @ConfigProperty(name = "ft9.login.failure-window", defaultValue = "PT15M") Duration window,
            @ConfigProperty(name = "ft9.login.address-slowdown-step", defaultValue = "PT0.5S") Duration slowdownStep,
            @ConfigProperty(name = "ft9.login.address-max-slowdown", defaultValue = "PT10S") Duration maxSlowdown) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.slowdownStep = slowdownStep;
        this.maxSlowdown = maxSlowdown;
    }

    /** How long the caller must wait when the account's limit is reached. */
    public Uni<Optional<Duration>> blockedFor(String email) {
        return waitFor(ACCOUNT + email, maxPerAccount);
    }

    /**
     * How long to hold a sign-in from this address before answering: nothing under its limit, then one step more for
     * each failure over it, up to the maximum.
     */
    public Uni<Duration> slowdownFor(String address) {
        return counters.get(ADDRESS + address).map(count -> {
            long over = count == null ? 0 : count - maxPerAddress + 1;
            if (over <= 0) {
                return Duration.ZERO;
            }
            Duration delay = slowdownStep.multipliedBy(over);
            return delay.compareTo(maxSlowdown) > 0 ? maxSlowdown : delay;
        });
    }

    /** Holds the caller back for {@link #slowdownFor} this address, then goes on. */
    public Uni<Void> holdBack(String address) {
        return slowdownFor(address).chain(delay -> delay.isZero() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(delay));
    }

    public Uni<Void> recordFailure(String email, String address) {
        return increment(ACCOUNT + email).chain(() -> increment(ADDRESS + address));
    }

    /** A failure counted against the address alone (a wrong service secret names no account). */
    public Uni<Void> recordAddressFailure(String address) {
        return increment(ADDRESS + address);
    }

    /** A successful sign-in clears the account's failures (not the address's: others may share it). */
    public Uni<Void> clear(String email) {
        return keys.del(ACCOUNT + email).replaceWithVoid();
    }

    private Uni<Optional<Duration>> waitFor(String key, int max) {
        return counters.get(key).chain(count -> {
            if (count == null || count < max) {
                return Uni.createFrom().item(Optional.<Duration>empty());
            }
            return keys.ttl(key).map(seconds -> Optional.of(Duration.ofSeconds(Math.max(1, seconds))));
        });
    }

    private Uni<Void> increment(String key) {
        return counters.incr(key).chain(count -> count == 1
                ? keys.expire(key, window).replaceWithVoid()
                : Uni.createFrom().voidItem());
    }
}
