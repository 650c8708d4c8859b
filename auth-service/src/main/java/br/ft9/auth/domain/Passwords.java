package br.ft9.auth.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import br.ft9.common.errors.InvalidField;
import br.ft9.common.security.RevokedTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A user's password after the invitation: forgotten (a mailed, single-use, expiring link that, once used, ends every
 * sign-in of the account; nobody learns from the answer whether the address has an account) and changed while signed
 * in (the current one asked; the sign-ins stay).
 */
@ApplicationScoped
public class Passwords {

    private static final Logger LOG = Logger.getLogger(Passwords.class);
    /** One mail per account in this time, however often someone asks: the link is not a way to flood a mailbox. */
    static final Duration RESEND_AFTER = Duration.ofMinutes(2);

    private final PasswordHashing passwords;
    private final AccountMail mailer;
    private final RevokedTokens revoked;
    private final AccessTokens tokens;
    private final Duration resetLifetime;
    private final Clock clock;

    public Passwords(PasswordHashing passwords, AccountMail mailer, RevokedTokens revoked, AccessTokens tokens,
            @ConfigProperty(name = "ft9.password.reset-lifetime", defaultValue = "PT1H") Duration resetLifetime, Clock clock) {
        this.clock = clock;
        this.passwords = passwords;
        this.mailer = mailer;
        this.revoked = revoked;
        this.tokens = tokens;
        this.resetLifetime = resetLifetime;
    }

    /**
     * Sends a reset link when the address holds an active account; the caller's answer is the same either way and does
     * not wait for the mail (its time would tell).
     */
    public Uni<Void> forgot(String email) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String token = SecretTokens.newToken();
        Panache.withTransaction(() -> UserAccount.findByEmail(email)
                // The account's row is locked so that two requests at once make one link, not two.
                .chain(found -> found == null ? Uni.createFrom().<UserAccount>nullItem()
                        : UserAccount.<UserAccount>findById(found.id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE))
                .chain(user -> {
            if (user == null || user.status != AccountStatus.ACTIVE) {
                return Uni.createFrom().<String>nullItem();
            }
            return PasswordReset.count("userId = ?1 and createdAt > ?2", user.id, now.minus(RESEND_AFTER)).chain(recent -> {
                if (recent > 0) {
                    return Uni.createFrom().<String>nullItem();
                }
                PasswordReset reset = new PasswordReset();
                reset.id = UUID.randomUUID();
                reset.userId = user.id;
                reset.tokenHash = SecretTokens.hash(token);
                reset.createdAt = now;
                reset.expiresAt = now.plus(resetLifetime);
                return reset.persist().replaceWith(user.email);
            });
        })).chain(address -> address == null ? Uni.createFrom().voidItem()
                : mailer.sendPasswordReset(address, token, resetLifetime).replaceWithVoid())
                .subscribe().with(done -> { }, failure -> LOG.warnf("a password reset could not be prepared: %s", failure.getMessage()));
        return Uni.createFrom().voidItem();
    }

    /** Sets a new password with a reset link's token: once, before it expires; every sign-in of the account ends. */
    public Uni<Void> reset(String token, String newPassword) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return passwords.hash(newPassword).chain(hash -> Panache.withTransaction(() -> PasswordReset
                .<PasswordReset>find("tokenHash", SecretTokens.hash(token)).firstResult()
                .chain(reset -> {
                    if (reset == null || !reset.openAt(now)) {
                        return Uni.createFrom().failure(expiredLink());
                    }
                    reset.usedAt = now;
                    return UserAccount.<UserAccount>findById(reset.userId).chain(user -> {
                        if (user == null || user.status != AccountStatus.ACTIVE) {
                            return Uni.createFrom().failure(expiredLink());
                        }
                        user.passwordHash = hash;
                        user.updatedAt = now;
                        return RefreshToken.revokeAllOf(user.id, now).replaceWith(user.id);
                    });
                })))
                .chain(userId -> revoked.revokeAllOf(userId.toString(), now.toInstant(), tokens.accessTokenLifetime()));
    }

    /** Changes a signed-in user's password when they know the current one; their sign-ins go on. */
    public Uni<Void> change(UUID userId, String currentPassword, String newPassword) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withSession(() -> UserAccount.<UserAccount>findById(userId))
                .chain(user -> passwords.matches(currentPassword, user == null ? null : user.passwordHash))
                .chain(matches -> {
                    if (!matches) {
                        return Uni.createFrom().<String>failure(new InvalidField("currentPassword", "the current password is not right"));
                    }
                    return passwords.hash(newPassword);
                })
                .chain(hash -> Panache.withTransaction(() -> UserAccount.update("passwordHash = ?1, updatedAt = ?2 where id = ?3",
                        hash, now, userId))).replaceWithVoid();
    }

    private static InvalidField expiredLink() {
        return new InvalidField("token", "this link is not valid or has expired; ask for a new one");
    }
}
