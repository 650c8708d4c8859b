package br.ft9.gateway.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** What the gateway's own tables hold about one contact, read whole for an export or erased for good. */
public interface ContactDataStore {

    /** What an erasure removed or anonymised in the gateway. */
    record Erased(int messages, int conversations, int journeySteps) {
    }

    /** A step of a message's journey, with the message it belongs to. */
    record JourneyStep(UUID messageId, String kind, String detail, OffsetDateTime at) {
    }

    /**
     * Anonymises the contact (WhatsApp id replaced, name removed), empties their messages' text and Meta payload (media
     * references included), closes their open conversation, drops their messages' journeys and inbox events; rows stay
     * for counts. In the caller's transaction.
     */
    Uni<Erased> erase(UUID orgId, UUID contactId, String waId);

    /** Every journey step of the contact's messages. */
    Uni<List<JourneyStep>> journeySteps(UUID orgId, UUID contactId);

    /** Records a service's confirmation once; answers every confirmation of the erasure so far, by service. */
    Uni<Map<String, OffsetDateTime>> confirm(UUID erasureId, String service, OffsetDateTime at);

    Uni<Map<String, OffsetDateTime>> confirmations(UUID erasureId);
}
