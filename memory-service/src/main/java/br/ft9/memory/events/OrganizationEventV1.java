package br.ft9.memory.events;

import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import br.ft9.memory.domain.OrganizationProfile;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** memory-service's reading of tenant-service's organisation snapshots. */
@RegisterForReflection
public record OrganizationEventV1(UUID orgId, String name, String timeZone, String locale, String status, JsonNode businessHours,
        String assistantPersona, String assistantTone, boolean autoReply, String handoffMessage, Integer messageRetentionDays) {

    public static final Set<String> SNAPSHOTS = Set.of("ft9.tenant.organization.created.v1", "ft9.tenant.organization.updated.v1",
            "ft9.tenant.organization.suspended.v1", "ft9.tenant.organization.reactivated.v1");
    public static final String DELETED = "ft9.tenant.organization.deleted.v1";

    /** The profile as announced, not yet stored. */
    OrganizationProfile toProfile() {
        OrganizationProfile profile = new OrganizationProfile();
        profile.orgId = orgId;
        profile.name = name;
        profile.timeZone = timeZone;
        profile.locale = locale;
        profile.status = status;
        profile.assistantPersona = assistantPersona;
        profile.assistantTone = assistantTone;
        profile.autoReply = autoReply;
        profile.handoffMessage = handoffMessage;
        profile.businessHours = businessHours == null || businessHours.isNull() ? null : businessHours.toString();
        profile.messageRetentionDays = messageRetentionDays;
        return profile;
    }
}
