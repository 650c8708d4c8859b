package br.ft9.auth.events;

/** The topic and event types auth-service publishes. */
public final class AuthEvents {

    public static final String TOPIC = "ft9.auth.events";
    public static final String USER_CREATED = "ft9.auth.user.created.v1";
    public static final String USER_ROLE_CHANGED = "ft9.auth.user.role_changed.v1";
    public static final String USER_DEACTIVATED = "ft9.auth.user.deactivated.v1";
    /** An invited member accepted: from now on they may be given work (assigned conversations). */
    public static final String USER_ACTIVATED = "ft9.auth.user.activated.v1";

    private AuthEvents() {
    }
}
