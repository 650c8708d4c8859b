package br.ft9.auth.infra;

import br.ft9.auth.domain.PasswordHashing;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * bcrypt hashing and checking, on a worker thread on purpose: one check costs tens of milliseconds
 * of CPU and must not hold the event loop. Results come back on the caller's context.
 */
@ApplicationScoped
public class PasswordHasher implements PasswordHashing {

    private final Vertx vertx;
    private final int cost;
    /** Checked against when the account does not exist, so that timing does not tell who has one. */
    private final String decoy;

    public PasswordHasher(Vertx vertx, @ConfigProperty(name = "ft9.password.bcrypt-cost", defaultValue = "12") int cost) {
        if (cost < 10) {
            throw new IllegalStateException("ft9.password.bcrypt-cost must be at least 10");
        }
        this.vertx = vertx;
        this.cost = cost;
        this.decoy = BcryptUtil.bcryptHash("decoy-password-never-used", cost);
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password, cost)));
    }

    /** True only when the hash exists and the password matches it; the same work either way. */
    public Uni<Boolean> matches(String password, String hashOrNull) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            boolean matched = BcryptUtil.matches(password, hashOrNull == null ? decoy : hashOrNull);
            return matched && hashOrNull != null;
        }));
    }
}
