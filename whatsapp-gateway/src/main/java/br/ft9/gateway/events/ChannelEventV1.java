package br.ft9.gateway.events;

import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The gateway's reading of tenant-service's {@code ft9.tenant.channel.*.v1} data. */
@RegisterForReflection
public record ChannelEventV1(UUID orgId, UUID channelId, String phoneNumberId, String displayPhoneNumber, String wabaId,
        String accessTokenSealed) {

    public static final String CONNECTED = "ft9.tenant.channel.connected.v1";
    public static final String DISCONNECTED = "ft9.tenant.channel.disconnected.v1";
}
