package br.ft9.auth.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import br.ft9.auth.events.AuthEvents;
import br.ft9.auth.events.UserEventV1;
import br.ft9.common.api.PageResponse;
import br.ft9.common.errors.Conflict;
import br.ft9.common.errors.DatabaseErrors;
import br.ft9.common.errors.InvalidField;
import br.ft9.common.audit.AuditAction;
import br.ft9.common.audit.AuditTrail;
import br.ft9.common.outbox.Outbox;
import br.ft9.common.security.RevokedTokens;
import br.ft9.common.tenant.Role;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * An organisation's users: invitations and their acceptance, listing, role changes and
 * deactivation, each change told to the other services through the outbox in its transaction.
 */
@ApplicationScoped
public class UserDirectory {

    private final Outbox outbox;
    private final PasswordHashing passwords;
    private final AccountMail mailer;
    private final RevokedTokens revoked;
    private final AccessTokens tokens;
    private final Duration invitationLifetime;
    private final AuditTrail audit;
    private final Clock clock;

    public UserDirectory(Outbox outbox, PasswordHashing passwords, AccountMail mailer, RevokedTokens revoked,
            AccessTokens tokens,
            @ConfigProperty(name = "ft9.invitation.lifetime", defaultValue = "P7D") Duration invitationLifetime, AuditTrail audit,
            Clock clock) {
        this.clock = clock;
        this.audit = audit;
        this.outbox = outbox;
        this.passwords = passwords;
        this.mailer = mailer;
        this.revoked = revoked;
        this.tokens = tokens;
        this.invitationLifetime = invitationLifetime;
    }

    /** Invites someone into an organisation (an admin's own, or for staff the one named). */
    public Uni<Invited> invite(Actor actor, UUID namedOrg, String email, Role role, String displayName) {
        UserRules.checkInvite(actor, role);
        UUID orgId = UserRules.organisationFor(actor, namedOrg);
        return invite(orgId, email, role, actor.userId(), displayName);
    }

    /** Invites an organisation's first admin, as tenant-service asked when it opened the organisation. */
    public Uni<Invited> inviteFirstAdmin(UUID orgId, String email) {
        return Panache.withSession(() -> UserAccount.allWithEmail(email)).chain(existing -> existing.isEmpty()
                ? invite(orgId, email, Role.ORG_ADMIN, null, null)
                : Uni.createFrom().nullItem());
    }

    /**
     * An invitation looks the same to the inviting admin whether or not the address already has an account in another
     * organisation (a 409 there would tell any admin which addresses use FT9). Only the address's owner learns it: their
     * mail says so and carries no link, and accepting an invitation of such an address is refused to them.
     */
    private Uni<Invited> invite(UUID orgId, String email, Role role, UUID invitedBy, String displayName) {
        String token = SecretTokens.newToken();
        OffsetDateTime now = OffsetDateTime.now(clock);
        UserAccount user = UserAccount.active(orgId, email, null, role, now);
        user.status = AccountStatus.INVITED;
        user.displayName = DisplayNames.tidy(displayName);
        Invitation invitation = new Invitation();
        invitation.id = UUID.randomUUID();
        invitation.orgId = orgId;
        invitation.userId = user.id;
        invitation.tokenHash = SecretTokens.hash(token);
        invitation.invitedBy = invitedBy;
        invitation.createdAt = now;
        invitation.expiresAt = now.plus(invitationLifetime);
        return Panache.withTransaction(() -> UserAccount.allWithEmail(email)
                        .map(existing -> {
                            if (existing.stream().anyMatch(other -> orgId.equals(other.orgId))) {
                                throw emailTaken(); // the admin's own organisation: they can see it in their list anyway
                            }
                            return existing.stream().anyMatch(other -> other.status != AccountStatus.INVITED);
                        })
                        .call(() -> user.persistAndFlush())
                        .call(() -> invitation.persist())
                        .call(() -> outbox.append(AuthEvents.TOPIC, AuthEvents.USER_CREATED, orgId, UserEventV1.of(user, null)))
                        .call(() -> audit.record(orgId, AuditAction.USER_INVITED, "user", user.id, null, memberOf(user))))
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> emailTaken())
                // The mail goes out only after the commit: no mail for an invitation that does not exist.
                .chain(heldElsewhere -> heldElsewhere
                        ? mailer.sendAlreadyHeld(user.email)
                        : mailer.send(user.email, token, invitationLifetime))
                .map(sent -> new Invited(user, invitation.expiresAt, sent));
    }

    /** Sets the invited account's password; the invitation works once, until it expires. */
    public Uni<Void> accept(String token, String password, String displayName) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return passwords.hash(password).chain(hash -> Panache.withTransaction(() -> Invitation
                .<Invitation>find("tokenHash", SecretTokens.hash(token)).firstResult()
                .chain(invitation -> {
                    if (invitation == null || !invitation.openAt(now)) {
                        return Uni.createFrom().failure(new InvalidField("token", "this invitation is not valid or has expired"));
                    }
                    invitation.acceptedAt = now;
                    return UserAccount.<UserAccount>findById(invitation.userId).invoke(user -> {
                        if (user == null || user.status != AccountStatus.INVITED) {
                            throw new InvalidField("token", "this invitation is not valid or has expired");
                        }
                        user.passwordHash = hash;
                        String name = DisplayNames.tidy(displayName);
                        if (name != null) {
                            user.displayName = name; // without one, the name the inviting admin gave stays
                        }
                        user.status = AccountStatus.ACTIVE;
                        user.updatedAt = now;
                    }).call(user -> Panache.flush())
                            .call(user -> outbox.append(AuthEvents.TOPIC, AuthEvents.USER_ACTIVATED, user.orgId, UserEventV1.of(user, null)));
                })))
                // Told only to whoever holds the invitation, that is the address's owner: nobody else learns anything.
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> new Conflict("token",
                        "this address already has an FT9 account in another organisation; ask whoever invited you to invite another address"))
                .replaceWithVoid();
    }

    public Uni<PageResponse<UserAccount>> list(Actor actor, UUID namedOrg, int page, int size) {
        UUID orgId = UserRules.organisationFor(actor, namedOrg);
        return Panache.withSession(() -> PageResponse.of(UserAccount.<UserAccount>find("orgId", Sort.by("email"), orgId), page, size));
    }

    /** The organisation's active members, by name: whom conversations can be assigned to. */
    public Uni<java.util.List<UserAccount>> colleagues(Actor actor) {
        UUID orgId = UserRules.organisationFor(actor, null);
        return Panache.withSession(() -> UserAccount.<UserAccount>list("orgId = ?1 and status = ?2",
                Sort.by("displayName").and("email"), orgId, AccountStatus.ACTIVE));
    }

    /** Sets the signed-in user's own display name. */
    public Uni<UserAccount> rename(UUID userId, String displayName) {
        return Panache.withTransaction(() -> UserAccount.<UserAccount>findById(userId).invoke(user -> {
            if (user == null) {
                throw new br.ft9.common.errors.NotFound("no such user");
            }
            user.displayName = DisplayNames.tidy(displayName);
            user.updatedAt = OffsetDateTime.now(clock);
        }));
    }

    public Uni<UserAccount> get(Actor actor, UUID userId) {
        return Panache.withSession(() -> UserAccount.<UserAccount>findById(userId)
                .invoke(user -> UserRules.checkVisible(actor, user)));
    }

    /**
     * Changes a member's role; the access tokens they hold (which carry the old role) stop working at once, and their
     * next refresh carries the new one.
     */
    public Uni<UserAccount> changeRole(Actor actor, UUID userId, Role newRole) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> UserAccount.<UserAccount>findById(userId).chain(user -> {
            UserRules.checkRoleChange(actor, user, newRole);
            if (user.role == newRole) {
                return Uni.createFrom().item(new RoleChange(user, false));
            }
            String previous = user.role.name();
            user.role = newRole;
            user.updatedAt = now;
            return outbox.append(AuthEvents.TOPIC, AuthEvents.USER_ROLE_CHANGED, user.orgId, UserEventV1.of(user, previous))
                    .chain(() -> audit.record(user.orgId, AuditAction.ROLE_CHANGED, "user", user.id, Map.of("role", previous),
                            Map.of("role", newRole.name())))
                    .replaceWith(new RoleChange(user, true));
        })).call(change -> change.changed()
                ? revoked.revokeAllOf(change.user().id.toString(), now.toInstant(), tokens.accessTokenLifetime())
                : Uni.createFrom().voidItem())
                .map(RoleChange::user);
    }

    private record RoleChange(UserAccount user, boolean changed) {
    }

    /**
     * Shuts an organisation's people and services out at once (suspended, or its deletion requested): every access
     * token issued up to the moment it happened stops working in every service; signing in again is refused while
     * the suspension lasts.
     */
    public Uni<Void> shutOut(UUID orgId, java.time.Instant at) {
        return revoked.revokeOrganization(orgId.toString(), at, tokens.accessTokenLifetime());
    }

    /** Deactivates an account for good and ends all its sign-ins, access tokens included. */
    public Uni<UserAccount> deactivate(Actor actor, UUID userId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.<UserAccount>withTransaction(() -> UserAccount.<UserAccount>findById(userId).chain(user -> {
            UserRules.checkDeactivation(actor, user);
            if (user.status == AccountStatus.DEACTIVATED) {
                return Uni.createFrom().item(user);
            }
            Map<String, Object> before = memberOf(user);
            user.status = AccountStatus.DEACTIVATED;
            user.updatedAt = now;
            return RefreshToken.revokeAllOf(user.id, now)
                    .chain(() -> outbox.append(AuthEvents.TOPIC, AuthEvents.USER_DEACTIVATED, user.orgId, UserEventV1.of(user, null)))
                    .chain(() -> audit.record(user.orgId, AuditAction.USER_DEACTIVATED, "user", user.id, before, memberOf(user)))
                    .replaceWith(user);
        })).call(user -> revoked.revokeAllOf(user.id.toString(), now.toInstant(), tokens.accessTokenLifetime()));
    }

    /**
     * The invitation again, with a new link: the earlier links stop working, and the new one is valid for the whole
     * lifetime again.
     */
    public Uni<Invited> resendInvitation(Actor actor, UUID userId) {
        String token = SecretTokens.newToken();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> UserAccount.<UserAccount>findById(userId).chain(user -> {
            UserRules.checkInvitationChange(actor, user);
            Invitation invitation = new Invitation();
            invitation.id = UUID.randomUUID();
            invitation.orgId = user.orgId;
            invitation.userId = user.id;
            invitation.tokenHash = SecretTokens.hash(token);
            invitation.invitedBy = actor.userId();
            invitation.createdAt = now;
            invitation.expiresAt = now.plus(invitationLifetime);
            return Invitation.update("expiresAt = ?1 where userId = ?2 and acceptedAt is null and expiresAt > ?1", now, user.id)
                    .chain(() -> invitation.persist())
                    .chain(() -> audit.record(user.orgId, AuditAction.INVITATION_RESENT, "user", user.id, null,
                            Map.of("expiresAt", invitation.expiresAt.toString())))
                    .replaceWith(new Invited(user, invitation.expiresAt, false));
        })).chain(invited -> mailer.send(invited.user().email, token, invitationLifetime)
                .map(sent -> new Invited(invited.user(), invited.expiresAt(), sent)));
    }

    /**
     * Withdraws an invitation not accepted yet: its links stop working and the invited account is removed, so that the
     * address can be invited again later. Announced as the account's deactivation.
     */
    public Uni<Void> revokeInvitation(Actor actor, UUID userId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> UserAccount.<UserAccount>findById(userId).chain(user -> {
            UserRules.checkInvitationChange(actor, user);
            user.status = AccountStatus.DEACTIVATED;
            user.updatedAt = now;
            UserEventV1 gone = UserEventV1.of(user, null);
            Map<String, Object> before = memberOf(user);
            return Invitation.delete("userId", user.id)
                    .chain(() -> user.delete())
                    .chain(() -> outbox.append(AuthEvents.TOPIC, AuthEvents.USER_DEACTIVATED, user.orgId, gone))
                    .chain(() -> audit.record(user.orgId, AuditAction.INVITATION_WITHDRAWN, "user", user.id, before, null));
        })).replaceWithVoid();
    }

    /** A member as the audit trail shows them: their address (the member's own, not a contact's), role and status. */
    private static Map<String, Object> memberOf(UserAccount user) {
        Map<String, Object> member = new java.util.LinkedHashMap<>();
        member.put("email", user.email);
        member.put("displayName", user.displayName);
        member.put("role", user.role.name());
        member.put("status", user.status.name());
        return member;
    }

    private static Conflict emailTaken() {
        return new Conflict("email", "an account with this email already exists");
    }

    /** An invitation made: the account, until when it can be accepted, and whether the mail went out. */
    public record Invited(UserAccount user, OffsetDateTime expiresAt, boolean mailSent) {
    }
}
