package br.ft9.tenant.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import br.ft9.common.errors.Conflict;
import br.ft9.common.errors.DatabaseErrors;
import br.ft9.common.errors.NotFound;
import br.ft9.common.outbox.Outbox;
import br.ft9.common.security.SecretBox;
import br.ft9.tenant.events.ChannelEventV1;
import br.ft9.tenant.events.TenantEvents;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import br.ft9.common.audit.AuditAction;
import br.ft9.common.audit.AuditTrail;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * An organisation's WhatsApp numbers. Connecting seals the access token and tells whatsapp-gateway
 * (which keeps the phone-number-to-organisation map) in the same transaction. Built at start so a
 * missing sealing key stops the service at once.
 */
@Startup
@ApplicationScoped
public class Channels {

    static final String CONNECTED = "CONNECTED";

    private final Outbox outbox;
    private final SecretBox box;
    private final NumberOwnership ownership;
    private final AuditTrail audit;
    private final Clock clock;

    public Channels(Outbox outbox, SecretBox box, NumberOwnership ownership, AuditTrail audit, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
        this.audit = audit;
        this.box = box;
        this.ownership = ownership;
    }

    /**
     * Connects the number once Meta confirms the token can see it (asked before the transaction: nothing is written
     * for a number that is not the caller's, and no connection is held while Meta answers).
     */
    public Uni<WhatsAppChannel> connect(UUID orgId, NewChannel number) {
        return ownership.confirm(number).chain(() -> Panache.withTransaction(() -> save(orgId, number)));
    }

    private Uni<WhatsAppChannel> save(UUID orgId, NewChannel number) {
        return Organization.<Organization>findById(orgId)
                .onItem().ifNull().failWith(() -> new NotFound("no such organisation"))
                .chain(() -> WhatsAppChannel.count("phoneNumberId", number.phoneNumberId()))
                .chain(taken -> {
                    if (taken > 0) {
                        return Uni.createFrom().failure(numberTaken());
                    }
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    WhatsAppChannel channel = new WhatsAppChannel();
                    channel.id = UUID.randomUUID();
                    channel.orgId = orgId;
                    channel.phoneNumberId = number.phoneNumberId();
                    channel.displayPhoneNumber = number.displayPhoneNumber();
                    channel.wabaId = number.wabaId();
                    channel.accessTokenEncrypted = box.encrypt(number.accessToken());
                    channel.accessTokenLast4 = number.accessToken().substring(number.accessToken().length() - 4);
                    channel.status = CONNECTED;
                    channel.createdAt = now;
                    channel.updatedAt = now;
                    return channel.<WhatsAppChannel>persistAndFlush()
                            .call(saved -> outbox.append(TenantEvents.TOPIC, TenantEvents.CHANNEL_CONNECTED, orgId,
                                    ChannelEventV1.connected(saved)))
                            .call(saved -> audit.record(orgId, AuditAction.CHANNEL_CONNECTED, "channel", saved.id, null,
                                    numberOf(saved)));
                })
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> numberTaken());
    }

    @WithSession
    public Uni<List<WhatsAppChannel>> list(UUID orgId) {
        return WhatsAppChannel.list("orgId = ?1 order by createdAt", orgId);
    }

    /** Removes the number from the organisation, so that it can be connected again (by anyone). */
    @WithTransaction
    public Uni<Void> disconnect(UUID orgId, UUID channelId) {
        return WhatsAppChannel.<WhatsAppChannel>find("id = ?1 and orgId = ?2", channelId, orgId).firstResult()
                .onItem().ifNull().failWith(() -> new NotFound("no such channel"))
                .call(channel -> channel.delete())
                .call(channel -> outbox.append(TenantEvents.TOPIC, TenantEvents.CHANNEL_DISCONNECTED, orgId,
                        ChannelEventV1.disconnected(channel, OffsetDateTime.now(clock))))
                .call(channel -> audit.record(orgId, AuditAction.CHANNEL_DISCONNECTED, "channel", channel.id, numberOf(channel), null))
                .replaceWithVoid();
    }

    /** A number as the audit trail shows it: the organisation's own number and Meta's ids, the token's last four only. */
    private static java.util.Map<String, Object> numberOf(WhatsAppChannel channel) {
        return java.util.Map.of("phoneNumberId", channel.phoneNumberId, "displayPhoneNumber", String.valueOf(channel.displayPhoneNumber),
                "wabaId", String.valueOf(channel.wabaId), "accessTokenLast4", String.valueOf(channel.accessTokenLast4));
    }

    private static Conflict numberTaken() {
        return new Conflict("phoneNumberId", "this WhatsApp number is already connected to an organisation");
    }
}
