package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** Which organisation a WhatsApp phone_number_id belongs to: how an inbound webhook finds its tenant. */
@Entity
@Table(name = "channel")
public class ChannelRoute extends PanacheEntityBase {

    @Id
    public String phoneNumberId;

    @Column(nullable = false)
    public UUID orgId;

    @Column(nullable = false)
    public UUID channelId;

    @Column(nullable = false)
    public String displayPhoneNumber;

    @Column(nullable = false)
    public String wabaId;

    @Column(nullable = false)
    public String accessTokenSealed;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;

    public static Uni<ChannelRoute> forNumber(String phoneNumberId) {
        return findById(phoneNumberId);
    }
}
