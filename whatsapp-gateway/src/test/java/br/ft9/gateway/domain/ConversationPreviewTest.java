package br.ft9.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

/**
 * The inbox preview rule for messages we send ({@link Conversation#touch}); the received side is the same rule in the
 * statement recording a contact's message, pinned by WhatsAppWebhookTest.
 */
class ConversationPreviewTest {

    private static final OffsetDateTime NOON = OffsetDateTime.parse("2026-12-03T12:00:00-03:00");

    @Test
    void a_sent_message_older_than_the_last_one_does_not_replace_the_preview() {
        Conversation conversation = new Conversation();
        conversation.touch(NOON, "a mais nova");
        conversation.touch(NOON.minusMinutes(1), "a mais antiga");
        assertThat(conversation.lastMessageText).isEqualTo("a mais nova");
        assertThat(conversation.lastMessageAt).isEqualTo(NOON);
    }

    @Test
    void a_message_at_the_same_instant_as_the_last_one_replaces_the_preview_and_a_long_one_is_cut_to_200_characters() {
        Conversation conversation = new Conversation();
        conversation.touch(NOON, "primeira");
        conversation.touch(NOON, "x".repeat(250));
        assertThat(conversation.lastMessageText).hasSize(200);
    }
}
