package br.ft9.flow.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The engine's own record of each contact (flow_contact): when it last wrote, whether it opted out; in the caller's transaction. */
public interface ContactsSeen {

    /** The contact as triggers see it: first time seen, opted out, its fields (a JSON object) and tags (comma-separated). */
    record Seen(boolean first, boolean optedOut, String name, String fieldsJson, String tags) {
    }

    /** The contact wrote at {@code at}: recorded (created the first time), and returned as it now stands. */
    Uni<Seen> wrote(UUID orgId, String waId, UUID contactId, String name, OffsetDateTime at);

    /** The contact as it stands, or null when the engine never saw it. */
    Uni<Seen> find(UUID orgId, String waId);

    Uni<Void> optOut(UUID orgId, String waId, UUID contactId, boolean optedOut);
}
