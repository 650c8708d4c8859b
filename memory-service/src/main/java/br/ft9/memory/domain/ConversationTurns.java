package br.ft9.memory.domain;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The last turns of each contact's conversation: context for the language model, nothing that matters if lost. */
public interface ConversationTurns {

    /** The recent turns, oldest first; none when the store is unreachable. */
    Uni<List<Answers.Turn>> recent(UUID orgId, UUID contactId);

    Uni<Void> remember(UUID orgId, UUID contactId, String question, String answer);

    /** Forgets the contact's turns (their erasure); fails when the store cannot be reached, to be tried again. */
    Uni<Void> forget(UUID orgId, UUID contactId);
}
