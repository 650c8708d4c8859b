package br.ft9.auth.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import br.ft9.common.security.RevokedTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Sign-in, refresh and sign-out. A sign-in starts a family of refresh tokens; each refresh uses one
 * up and hands out the next; a used token presented again revokes the whole family.
 */
@ApplicationScoped
public class Sessions {

    private final PasswordHashing passwords;
    private final AccessTokens tokens;
    private final AttemptLimits attempts;
    private final RevokedTokens revoked;
    private final Duration refreshTokenLifetime;
    private final Clock clock;

    public Sessions(PasswordHashing passwords, AccessTokens tokens, AttemptLimits attempts, RevokedTokens revoked,
            @ConfigProperty(name = "ft9.jwt.refresh-token-lifetime") Duration refreshTokenLifetime, Clock clock) {
        this.clock = clock;
        this.passwords = passwords;
        this.tokens = tokens;
        this.attempts = attempts;
        this.revoked = revoked;
        this.refreshTokenLifetime = refreshTokenLifetime;
    }

    public Uni<IssuedTokens> signIn(String email, String password, String address) {
        String who = Emails.normalise(email);
        return attempts.blockedFor(who)
                .invoke(blocked -> blocked.ifPresent(wait -> {
                    throw new TooManyAttempts(wait);
                }))
                // An address with many failures is slowed down, never refused (see AttemptLimits).
                .chain(() -> attempts.holdBack(address))
                .chain(() -> Panache.withSession(() -> UserAccount.findByEmail(who)
                        .chain(user -> user == null || user.orgId == null
                                ? Uni.createFrom().item(new Candidate(user, false))
                                : SuspendedOrganization.findById(user.orgId).map(s -> new Candidate(user, s != null)))))
                .chain(candidate -> passwords.matches(password, candidate.signInHash())
                        .chain(matched -> {
                            if (!matched) {
                                return attempts.recordFailure(who, address)
                                        .chain(() -> Uni.createFrom().failure(new SignInRefused(SignInRefused.BAD_CREDENTIALS)));
                            }
                            if (candidate.suspended()) {
                                return Uni.createFrom().failure(new OrganizationSuspended());
                            }
                            return attempts.clear(who)
                                    .chain(() -> Panache.withTransaction(() -> startFamily(candidate.user())));
                        }));
    }

    public Uni<IssuedTokens> refresh(String refreshToken) {
        String hash = SecretTokens.hash(refreshToken);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> RefreshToken.<RefreshToken>find("tokenHash", hash)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                        .chain(presented -> {
                            if (presented == null) {
                                return Uni.createFrom().item(Refreshed.refused("unknown refresh token"));
                            }
                            if (presented.usedAt != null) {
                                // Committed before refusing: the thief and the owner both lose the family,
                                // and the access tokens already handed out stop working too.
                                return revokeFamily(presented.familyId, now)
                                        .replaceWith(Refreshed.stolen(presented.userId,
                                                "refresh token already used; every session of this sign-in is revoked"));
                            }
                            if (presented.revokedAt != null) {
                                // The newest token of a sign-in that ended (signed out, or revoked as a whole): not
                                // a reuse. A console that signs out while a request of that sign-in is in flight
                                // presents it once more, and must not end the user's other sign-ins by doing so.
                                return Uni.createFrom().item(Refreshed.refused("this sign-in has ended; sign in again"));
                            }
                            if (!presented.presentableAt(now)) {
                                return Uni.createFrom().item(Refreshed.refused("refresh token expired"));
                            }
                            presented.usedAt = now;
                            return UserAccount.<UserAccount>findById(presented.userId).chain(user -> {
                                if (user == null || !user.canSignIn()) {
                                    return revokeFamily(presented.familyId, now).replaceWith(Refreshed.refused("account not active"));
                                }
                                Uni<SuspendedOrganization> suspension = user.orgId == null ? Uni.createFrom().nullItem()
                                        : SuspendedOrganization.findById(user.orgId);
                                return suspension.chain(suspended -> suspended != null
                                        ? revokeFamily(presented.familyId, now).replaceWith(Refreshed.refused(
                                                new OrganizationSuspended().getMessage()))
                                        : issue(user, presented.familyId).map(Refreshed::issued));
                            });
                        }))
                .call(outcome -> outcome.stolenFrom() == null ? Uni.createFrom().voidItem()
                        : revoked.revokeAllOf(outcome.stolenFrom().toString(), clock.instant(), tokens.accessTokenLifetime()))
                .map(Refreshed::tokensOrThrow);
    }

    /**
     * Revokes the access token in use and the given refresh token's family or, without one, every
     * access and refresh token of the user.
     */
    public Uni<Void> signOut(UUID userId, String accessTokenId, Instant accessTokenExpiresAt, Optional<String> refreshToken) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Uni<Void> revokeAccess = refreshToken.isPresent()
                ? revoked.revoke(accessTokenId, Duration.between(clock.instant(), accessTokenExpiresAt))
                : revoked.revokeAllOf(userId.toString(), clock.instant(), tokens.accessTokenLifetime());
        Uni<Integer> revokeRefresh = Panache.withTransaction(() -> refreshToken
                .map(token -> RefreshToken.<RefreshToken>find("tokenHash = ?1 and userId = ?2", SecretTokens.hash(token), userId)
                        .firstResult()
                        .chain(found -> found == null ? Uni.createFrom().item(0) : revokeFamily(found.familyId, now)))
                .orElseGet(() -> RefreshToken.revokeAllOf(userId, now)));
        return revokeAccess.chain(() -> revokeRefresh).replaceWithVoid();
    }

    private Uni<IssuedTokens> startFamily(UserAccount user) {
        return issue(user, UUID.randomUUID());
    }

    private Uni<IssuedTokens> issue(UserAccount user, UUID familyId) {
        String refreshToken = SecretTokens.newToken();
        RefreshToken stored = new RefreshToken();
        stored.id = UUID.randomUUID();
        stored.familyId = familyId;
        stored.userId = user.id;
        stored.orgId = user.orgId;
        stored.tokenHash = SecretTokens.hash(refreshToken);
        stored.issuedAt = OffsetDateTime.now(clock);
        stored.expiresAt = stored.issuedAt.plus(refreshTokenLifetime);
        AccessTokens.AccessToken access = tokens.accessToken(user);
        return stored.persist().replaceWith(new IssuedTokens(access.token(), access.expiresAt(), refreshToken));
    }

    private static Uni<Integer> revokeFamily(UUID familyId, OffsetDateTime now) {
        return RefreshToken.update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", now, familyId);
    }

    /** The account an email names (if any) and whether its organisation is suspended. */
    private record Candidate(UserAccount user, boolean suspended) {
        String signInHash() {
            return user != null && user.canSignIn() ? user.passwordHash : null;
        }
    }

    /** The result of a refresh, decided inside the transaction so that a revocation commits before the refusal. */
    private record Refreshed(IssuedTokens tokens, String refusal, UUID stolenFrom) {
        static Refreshed issued(IssuedTokens tokens) {
            return new Refreshed(tokens, null, null);
        }

        static Refreshed refused(String why) {
            return new Refreshed(null, why, null);
        }

        static Refreshed stolen(UUID userId, String why) {
            return new Refreshed(null, why, userId);
        }

        IssuedTokens tokensOrThrow() {
            if (tokens == null) {
                throw new SignInRefused(refusal);
            }
            return tokens;
        }
    }
}
