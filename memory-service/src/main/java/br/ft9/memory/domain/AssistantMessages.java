package br.ft9.memory.domain;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** What the assistant tells the other services, through the outbox in the caller's transaction. */
public interface AssistantMessages {

    /** The conversation goes to a person: the reason, the question, a draft answer and the passages it had. */
    Uni<Void> handOff(Question question, String reason, String draft, List<UUID> passages);

    /** The answer is sent to the contact (a send command) and announced as given, under the command's id. */
    Uni<Void> reply(UUID commandId, Question question, Answers.Answer answer);
}
