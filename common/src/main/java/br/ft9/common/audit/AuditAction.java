package br.ft9.common.audit;

/**
 * What a person, a service or the platform did that the organisation's audit trail keeps; the wire name is what the
 * trail stores and filters on, so an action never changes its name (a new meaning is a new action).
 */
public enum AuditAction {
    ORGANIZATION_CREATED("organization.created"),
    SETTINGS_CHANGED("organization.settings_changed"),
    ORGANIZATION_SUSPENDED("organization.suspended"),
    ORGANIZATION_REACTIVATED("organization.reactivated"),
    ORGANIZATION_DELETION_SCHEDULED("organization.deletion_scheduled"),
    ORGANIZATION_DELETION_CANCELED("organization.deletion_canceled"),
    LIMITS_CHANGED("organization.limits_changed"),
    CHANNEL_CONNECTED("channel.connected"),
    CHANNEL_CHANGED("channel.changed"),
    CHANNEL_DISCONNECTED("channel.disconnected"),
    USER_INVITED("user.invited"),
    INVITATION_RESENT("user.invitation_resent"),
    INVITATION_WITHDRAWN("user.invitation_withdrawn"),
    ROLE_CHANGED("user.role_changed"),
    USER_DEACTIVATED("user.deactivated"),
    CHECKOUT_STARTED("billing.checkout_started"),
    PLAN_CHANGED("billing.plan_changed"),
    SUBSCRIPTION_CANCELED("billing.subscription_canceled"),
    KNOWLEDGE_ADDED("knowledge.added"),
    KNOWLEDGE_CHANGED("knowledge.changed"),
    KNOWLEDGE_REMOVED("knowledge.removed"),
    AUTOMATION_CREATED("automation.created"),
    AUTOMATION_CHANGED("automation.changed"),
    AUTOMATION_REMOVED("automation.removed"),
    CONVERSATION_TAKEN_OVER("conversation.taken_over"),
    CONVERSATION_RELEASED("conversation.released"),
    CONVERSATION_ASSIGNED("conversation.assigned"),
    CONTACT_EXPORTED("contact.exported"),
    CONTACT_ERASURE_REQUESTED("contact.erasure_requested"),
    DEAD_LETTER_REPLAYED("operations.dead_letter_replayed"),
    DEAD_LETTER_DISCARDED("operations.dead_letter_discarded");

    private final String wireName;

    AuditAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
