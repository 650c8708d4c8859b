package br.ft9.tenant.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import br.ft9.tenant.domain.WhatsAppChannel;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code ft9.tenant.channel.connected.v1} and {@code .disconnected.v1}: which organisation a
 * WhatsApp number belongs to. The access token travels only sealed (AES-GCM, key shared with
 * whatsapp-gateway), never in clear; a disconnection carries no token.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record ChannelEventV1(UUID orgId, UUID channelId, String phoneNumberId, String displayPhoneNumber, String wabaId,
        String accessTokenSealed, OffsetDateTime occurredAt) {

    public static ChannelEventV1 connected(WhatsAppChannel c) {
        return new ChannelEventV1(c.orgId, c.id, c.phoneNumberId, c.displayPhoneNumber, c.wabaId, c.accessTokenEncrypted,
                c.updatedAt);
    }

    public static ChannelEventV1 disconnected(WhatsAppChannel c, OffsetDateTime at) {
        return new ChannelEventV1(c.orgId, c.id, c.phoneNumberId, c.displayPhoneNumber, c.wabaId, null, at);
    }
}
