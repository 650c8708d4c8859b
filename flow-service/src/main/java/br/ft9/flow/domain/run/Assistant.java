package br.ft9.flow.domain.run;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The organisation's knowledge, asked by an {@code ai_generate} step. */
public interface Assistant {

    /** How the question went. */
    sealed interface Reply {
    }

    /** An answer, or {@code handoff} when the knowledge has none. */
    record Answered(String text, boolean handoff, List<String> sources) implements Reply {
    }

    /** The question may not be asked (no credentials, refused): trying again would not help. */
    record Refused(String reason) implements Reply {
    }

    /** The knowledge did not answer now: worth another attempt. */
    record Unavailable(String reason) implements Reply {
    }

    /** Asks with the contact, so the contact's recent conversation is the context. */
    Uni<Reply> ask(UUID orgId, String question, String contactId);
}
