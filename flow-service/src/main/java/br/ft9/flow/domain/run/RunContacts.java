package br.ft9.flow.domain.run;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The contact as steps see it, read and changed in the step's transaction. */
public interface RunContacts {

    /** Whether the contact opted out, and whether its 24-hour window is open (it wrote within a day). */
    record Reach(boolean optedOut, boolean inWindow) {
    }

    Uni<Reach> reach(UUID orgId, String waId);

    Uni<Void> setField(UUID orgId, String waId, String field, String value);

    /** Adds the tag unless the contact has it. */
    Uni<Void> addTag(UUID orgId, String waId, String tag);
}
