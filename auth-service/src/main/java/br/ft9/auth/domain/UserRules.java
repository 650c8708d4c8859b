package br.ft9.auth.domain;

import java.util.Set;
import java.util.UUID;

import br.ft9.common.errors.InvalidField;
import br.ft9.common.errors.NotAllowed;
import br.ft9.common.errors.NotFound;
import br.ft9.common.tenant.Role;

/**
 * Who may manage which accounts. An organisation's admin manages its own organisation only; platform
 * staff manage any organisation's users; nobody changes their own role or deactivates themselves;
 * accounts of another organisation are simply not found.
 */
public final class UserRules {

    static final Set<Role> ORGANISATION_ROLES = Set.of(Role.ORG_ADMIN, Role.ORG_MANAGER, Role.ORG_AGENT);
    static final String NOT_FOUND = "no such user";

    private UserRules() {
    }

    /** The organisation an action applies to: the actor's own, or for staff the one they name. */
    public static UUID organisationFor(Actor actor, UUID named) {
        if (actor.isStaff()) {
            if (named == null) {
                throw new InvalidField("orgId", "orgId is required for platform staff");
            }
            return named;
        }
        if (named != null && !named.equals(actor.orgId())) {
            throw new NotFound("no such organisation");
        }
        return actor.orgId();
    }

    /** May the actor see this account at all? Otherwise it does not exist for them. */
    public static void checkVisible(Actor actor, UserAccount target) {
        boolean visible = target != null && target.role != Role.SUPER_ADMIN
                && (actor.isStaff() || target.orgId.equals(actor.orgId()));
        if (!visible) {
            throw new NotFound(NOT_FOUND);
        }
    }

    public static void checkInvite(Actor actor, Role role) {
        checkOrganisationRole(role);
        checkManager(actor);
    }

    public static void checkRoleChange(Actor actor, UserAccount target, Role newRole) {
        checkVisible(actor, target);
        checkManager(actor);
        checkOrganisationRole(newRole);
        if (target.id.equals(actor.userId())) {
            throw new NotAllowed("you cannot change your own role");
        }
    }

    public static void checkDeactivation(Actor actor, UserAccount target) {
        checkVisible(actor, target);
        checkManager(actor);
        if (target.id.equals(actor.userId())) {
            throw new NotAllowed("you cannot deactivate yourself");
        }
    }

    /** An invitation can be sent again or withdrawn while the account is still only invited. */
    public static void checkInvitationChange(Actor actor, UserAccount target) {
        checkVisible(actor, target);
        checkManager(actor);
        if (target.status != AccountStatus.INVITED) {
            throw new br.ft9.common.errors.Conflict("status", "this person already accepted the invitation; deactivate them instead");
        }
    }

    private static void checkManager(Actor actor) {
        if (actor.role() != Role.ORG_ADMIN && !actor.isStaff()) {
            throw new NotAllowed("only an organisation's admins manage its users");
        }
    }

    private static void checkOrganisationRole(Role role) {
        if (role == null || !ORGANISATION_ROLES.contains(role)) {
            throw new InvalidField("role", "role must be one of ORG_ADMIN, ORG_MANAGER, ORG_AGENT");
        }
    }
}
