package br.ft9.tenant.events;

/** The topic and the event types tenant-service publishes. */
public final class TenantEvents {

    public static final String TOPIC = "ft9.tenant.events";
    public static final String ORGANIZATION_CREATED = "ft9.tenant.organization.created.v1";
    public static final String ORGANIZATION_UPDATED = "ft9.tenant.organization.updated.v1";
    public static final String ORGANIZATION_SUSPENDED = "ft9.tenant.organization.suspended.v1";
    public static final String ORGANIZATION_REACTIVATED = "ft9.tenant.organization.reactivated.v1";
    public static final String ORGANIZATION_DELETED = "ft9.tenant.organization.deleted.v1";
    public static final String LIMITS_CHANGED = "ft9.tenant.limits.changed.v1";
    public static final String CHANNEL_CONNECTED = "ft9.tenant.channel.connected.v1";
    public static final String CHANNEL_DISCONNECTED = "ft9.tenant.channel.disconnected.v1";
    public static final String DEAD_LETTER_RECORDED = "ft9.tenant.dead_letter.recorded.v1";
    public static final String DEAD_LETTER_REPLAYED = "ft9.tenant.dead_letter.replayed.v1";
    public static final String DEAD_LETTER_DISCARDED = "ft9.tenant.dead_letter.discarded.v1";
    public static final String CONTACT_ERASED = "ft9.tenant.contact.erased.v1";

    private TenantEvents() {
    }
}
