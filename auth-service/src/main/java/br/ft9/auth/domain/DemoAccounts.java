package br.ft9.auth.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import br.ft9.common.tenant.Role;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Seeds the demo accounts of a local suite (FT9_DEMO_SEED=true, set only by deploy/local/up.sh):
 * admin@ft9.com.br / ft9demo, ORG_ADMIN of the demo organisation, and a platform SUPER_ADMIN.
 * Never enabled by default, so never in production.
 */
public class DemoAccounts {

    private static final Logger LOG = Logger.getLogger(DemoAccounts.class);
    public static final String DEMO_ADMIN = "admin@ft9.com.br";
    public static final String DEMO_PASSWORD = "ft9demo";
    public static final String SUPER_ADMIN = "root@ft9.com.br";

    void seed(@Observes StartupEvent started,
            @ConfigProperty(name = "ft9.demo.seed", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "ft9.demo.org-id") Optional<UUID> demoOrg,
            @ConfigProperty(name = "ft9.demo.super-admin-password") Optional<String> superAdminPassword,
            @ConfigProperty(name = "ft9.password.bcrypt-cost", defaultValue = "12") int cost, Clock clock) throws Throwable {
        if (!enabled) {
            return;
        }
        UUID orgId = demoOrg.orElseThrow(() -> new IllegalStateException("FT9_DEMO_SEED needs FT9_DEMO_ORG_ID"));
        UserAccount admin = UserAccount.active(orgId, DEMO_ADMIN, BcryptUtil.bcryptHash(DEMO_PASSWORD, cost), Role.ORG_ADMIN,
                OffsetDateTime.now(clock));
        admin.displayName = "Carla (recepção)";
        Optional<UserAccount> root = superAdminPassword.filter(p -> !p.isBlank())
                .map(p -> UserAccount.active(null, SUPER_ADMIN, BcryptUtil.bcryptHash(p, cost), Role.SUPER_ADMIN,
                        OffsetDateTime.now(clock)))
                .map(staff -> {
                    staff.displayName = "FT9";
                    return staff;
                });
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> ensure(admin)
                .chain(() -> root.map(DemoAccounts::ensure).orElse(Uni.createFrom().voidItem()))));
        LOG.warnf("demo accounts present: %s (ORG_ADMIN of %s)%s", DEMO_ADMIN, orgId,
                root.isPresent() ? " and " + SUPER_ADMIN + " (SUPER_ADMIN)" : "");
    }

    private static Uni<Void> ensure(UserAccount account) {
        return UserAccount.findByEmail(account.email)
                .chain(existing -> existing != null ? Uni.createFrom().voidItem() : account.persist().replaceWithVoid());
    }
}
