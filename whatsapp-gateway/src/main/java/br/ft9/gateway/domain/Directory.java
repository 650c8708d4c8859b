package br.ft9.gateway.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The gateway's directory, kept from the other services' events: the organisations, which organisation each phone number
 * belongs to, and the members who may be assigned a conversation. In the caller's transaction.
 */
@ApplicationScoped
public class Directory {

    private final Clock clock;

    public Directory(Clock clock) {
        this.clock = clock;
    }

    public Uni<Void> keepOrganization(UUID orgId, String name, String slug, String timeZone, String locale, String status,
            Integer messageRetentionDays) {
        return KnownOrganization.<KnownOrganization>findById(orgId).chain(existing -> {
            KnownOrganization organization = existing != null ? existing : new KnownOrganization();
            organization.orgId = orgId;
            organization.name = name;
            organization.slug = slug;
            organization.timeZone = timeZone;
            organization.locale = locale;
            organization.status = status;
            if (messageRetentionDays != null) { // an event from before the setting existed keeps what is known
                organization.messageRetentionDays = messageRetentionDays;
            }
            organization.updatedAt = OffsetDateTime.now(clock);
            return organization.persist().replaceWithVoid();
        });
    }

    /** The number now belongs to this organisation's channel (a later connection replaces an earlier one). */
    public Uni<Void> route(String phoneNumberId, UUID orgId, UUID channelId, String displayPhoneNumber, String wabaId,
            String accessTokenSealed) {
        return ChannelRoute.<ChannelRoute>findById(phoneNumberId).chain(existing -> {
            ChannelRoute route = existing != null ? existing : new ChannelRoute();
            route.phoneNumberId = phoneNumberId;
            route.orgId = orgId;
            route.channelId = channelId;
            route.displayPhoneNumber = displayPhoneNumber;
            route.wabaId = wabaId;
            route.accessTokenSealed = accessTokenSealed;
            route.updatedAt = OffsetDateTime.now(clock);
            return route.persist().replaceWithVoid();
        });
    }

    /** Only this channel's route goes: the number may since have been connected again. */
    public Uni<Void> unroute(String phoneNumberId, UUID channelId) {
        return ChannelRoute.delete("phoneNumberId = ?1 and channelId = ?2", phoneNumberId, channelId).replaceWithVoid();
    }

    /** A member of the organisation, as auth-service announced; platform staff (no organisation) answer no conversation. */
    public Uni<Void> keepMember(UUID userId, UUID orgId, String role, String status) {
        if (orgId == null) {
            return Uni.createFrom().voidItem();
        }
        return OrgMember.<OrgMember>findById(userId).chain(existing -> {
            OrgMember member = existing != null ? existing : new OrgMember();
            member.userId = userId;
            member.orgId = orgId;
            member.role = role;
            member.status = status;
            member.updatedAt = OffsetDateTime.now(clock);
            return member.persist().replaceWithVoid();
        });
    }

    /** A deleted organisation's conversations go with it: contacts cascade to their conversations and messages. */
    public Uni<Void> erase(UUID orgId) {
        return ChannelRoute.delete("orgId", orgId)
                .chain(() -> ContactErasure.delete("orgId", orgId))
                .chain(() -> Contact.delete("orgId", orgId))
                .chain(() -> OrgMember.delete("orgId", orgId))
                .chain(() -> KnownOrganization.deleteById(orgId)).replaceWithVoid();
    }
}
