package br.ft9.memory.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import br.ft9.common.text.MessageClaim;
import io.smallrye.mutiny.Uni;

/** The messages each organisation's automations answer by themselves, as flow-service last announced them. */
public interface AutomationClaims {

    /** Keeps the organisation's claims as of {@code at}, unless claims announced later are kept already. */
    Uni<Void> keep(UUID orgId, List<MessageClaim> claims, OffsetDateTime at);

    /** A deleted organisation's claims go, in the caller's transaction. */
    Uni<Void> erase(UUID orgId);
}
