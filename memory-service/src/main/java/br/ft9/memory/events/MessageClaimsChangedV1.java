package br.ft9.memory.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import br.ft9.common.text.MessageClaim;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** flow-service's {@code ft9.flow.message_claims.changed.v1}: every message the organisation's automations answer by themselves. */
@RegisterForReflection
public record MessageClaimsChangedV1(UUID orgId, List<MessageClaim> claims, OffsetDateTime at) {

    public static final String TYPE = "ft9.flow.message_claims.changed.v1";
}
