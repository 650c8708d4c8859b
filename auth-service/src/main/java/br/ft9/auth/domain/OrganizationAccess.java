package br.ft9.auth.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** Who may sign in for an organisation as tenant-service opens, suspends, reactivates and deletes it. */
@ApplicationScoped
public class OrganizationAccess {

    private final UserDirectory users;
    private final Clock clock;

    public OrganizationAccess(UserDirectory users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    /** The tokens issued before {@code at} stop working now (idempotent, outside any transaction). */
    public Uni<Void> shutOut(UUID orgId, Instant at) {
        return users.shutOut(orgId, at);
    }

    /** Records the organisation as open (the only ones a service token is for). */
    public Uni<Void> open(UUID orgId, Instant at) {
        return KnownOrganization.open(orgId, at.atOffset(ZoneOffset.UTC));
    }

    /** Its first admin is invited (its own transaction and mail). */
    public Uni<Void> inviteFirstAdmin(UUID orgId, String email) {
        return email == null || email.isBlank() ? Uni.createFrom().voidItem() : users.inviteFirstAdmin(orgId, email).replaceWithVoid();
    }

    /** New sign-ins are refused from now on; a second suspension changes nothing. */
    public Uni<Void> refuseSignIns(UUID orgId) {
        return SuspendedOrganization.<SuspendedOrganization>findById(orgId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            SuspendedOrganization suspended = new SuspendedOrganization();
            suspended.orgId = orgId;
            suspended.suspendedAt = OffsetDateTime.now(clock);
            return suspended.persist().replaceWithVoid();
        });
    }

    public Uni<Void> allowSignIns(UUID orgId) {
        return SuspendedOrganization.deleteById(orgId).replaceWithVoid();
    }

    /** Erasure: the organisation's accounts go, with their sign-ins and invitations (cascade). */
    public Uni<Void> erase(UUID orgId) {
        return UserAccount.delete("orgId", orgId).chain(() -> SuspendedOrganization.deleteById(orgId))
                .chain(() -> KnownOrganization.deleteById(orgId)).replaceWithVoid();
    }
}
