package br.ft9.memory.domain;

import java.util.List;
import java.util.UUID;

import br.ft9.common.text.MessageClaim;
import io.smallrye.mutiny.Uni;

/** What deciding on a contact's message reads before any search, in one read: nothing of it is written here. */
public interface AnsweringState {

    /**
     * Whether this delivery of the message was applied before (a redelivery: answered already), the organisation's
     * profile (null until tenant-service announced it; read-only, not attached to a session) and whether billing said
     * this month's quota is reached, the messages its automations answer by themselves, and its knowledge's latest
     * committed generation (0 before any), which the search then uses without reading it again.
     */
    record Standing(boolean appliedBefore, OrganizationProfile profile, boolean quotaReached,
            List<MessageClaim> claims, long knowledgeGeneration) {
    }

    /** The standing for the message delivered as {@code eventId} to {@code consumer}, in the month ({@code yyyy-MM}). */
    Uni<Standing> of(UUID orgId, String month, String consumer, String eventId);
}
