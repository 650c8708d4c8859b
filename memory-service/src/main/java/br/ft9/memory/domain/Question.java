package br.ft9.memory.domain;

import java.util.UUID;

/** A contact's message the assistant may answer: where it came from, where an answer goes, and its text. */
public record Question(UUID orgId, UUID messageId, UUID contactId, String waId, UUID conversationId, String phoneNumberId,
        String waMessageId, String text, boolean personHasConversation) {

    /** Whether there is something for the assistant at all: a person has the conversation, or nothing to answer (a sticker). */
    public boolean forTheAssistant() {
        return !personHasConversation && text != null && !text.isBlank();
    }
}
