package br.ft9.common.tenant;

/** The roles a user can hold; carried in the token's {@code groups} claim. */
public enum Role {
    SUPER_ADMIN, ORG_ADMIN, ORG_MANAGER, ORG_AGENT;

    /** Names for {@code @RolesAllowed}, which needs compile-time constants. */
    public static final String SUPER_ADMIN_NAME = "SUPER_ADMIN";
    public static final String ORG_ADMIN_NAME = "ORG_ADMIN";
    public static final String ORG_MANAGER_NAME = "ORG_MANAGER";
    public static final String ORG_AGENT_NAME = "ORG_AGENT";
    /**
     * A platform service acting for one organisation (client credentials at auth-service, e.g. flow-service's
     * {@code ai_generate} asking memory-service). Deliberately not a constant of the enum: no user can hold it.
     */
    public static final String SERVICE_NAME = "SERVICE";
}
