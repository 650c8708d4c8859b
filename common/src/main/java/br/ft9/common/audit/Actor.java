package br.ft9.common.audit;

import java.util.UUID;

/**
 * Who did it: a member of the organisation or platform staff (user id and role, from the verified token), a platform
 * service acting for the organisation, or the platform itself (a schedule, an event from Stripe or Meta); and the
 * address the request came from, where there was one.
 */
public record Actor(Kind kind, UUID userId, String role, String address) {

    /** The kinds of actor the trail tells apart. */
    public enum Kind {
        MEMBER, STAFF, SERVICE, PLATFORM
    }

    public static final Actor PLATFORM = new Actor(Kind.PLATFORM, null, null, null);
}
