package br.ft9.tenant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayabilityTest {

    @Test
    void a_pending_or_already_replayed_dead_letter_goes_back_to_the_topic_it_came_from() {
        assertThat(Replayability.decide(DeadLetterStatus.PENDING, "ft9.whatsapp.outbound", "ft9.whatsapp.command.send_message.v1", true))
                .isEqualTo(new Replayability.Replay("ft9.whatsapp.outbound"));
        assertThat(Replayability.decide(DeadLetterStatus.REPLAYED, "ft9.auth.events", "ft9.auth.user.created.v1", true))
                .isEqualTo(new Replayability.Replay("ft9.auth.events"));
    }

    @Test
    void a_discarded_one_an_event_set_aside_for_its_size_one_without_its_topic_or_an_emptied_one_is_refused_with_the_reason() {
        assertThat(Replayability.decide(DeadLetterStatus.DISCARDED, "ft9.auth.events", "ft9.auth.user.created.v1", true))
                .isInstanceOfSatisfying(Replayability.Refuse.class, r -> assertThat(r.reason()).contains("discarded"));
        assertThat(Replayability.decide(DeadLetterStatus.PENDING, null, Replayability.SET_ASIDE, true))
                .isInstanceOfSatisfying(Replayability.Refuse.class, r -> assertThat(r.reason()).contains("outbox"));
        assertThat(Replayability.decide(DeadLetterStatus.PENDING, " ", "ft9.auth.user.created.v1", true))
                .isInstanceOfSatisfying(Replayability.Refuse.class, r -> assertThat(r.reason()).contains("which topic"));
        assertThat(Replayability.decide(DeadLetterStatus.REPLAYED, "ft9.whatsapp.outbound", "ft9.whatsapp.command.send_message.v1", false))
                .as("a replayed one whose record retention emptied").isInstanceOfSatisfying(Replayability.Refuse.class,
                        r -> assertThat(r.reason()).contains("emptied"));
    }
}
