package br.ft9.tenant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReplayabilityTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration REMEMBER = Duration.ofDays(90);
    private static final String SEND = "ft9.whatsapp.command.send_message.v1";
    private static final String USER_CREATED = "ft9.auth.user.created.v1";
    private static final String RECEIVED = "ft9.whatsapp.message.received.v1";

    @Test
    void a_pending_or_already_replayed_dead_letter_goes_back_to_the_topic_it_came_from() {
        assertThat(Replayability.decide(DeadLetterStatus.PENDING, "ft9.whatsapp.outbound", SEND, true, DAY, REMEMBER))
                .isEqualTo(new Replayability.Replay("ft9.whatsapp.outbound"));
        assertThat(Replayability.decide(DeadLetterStatus.REPLAYED, "ft9.auth.events", USER_CREATED, true, DAY, REMEMBER))
                .isEqualTo(new Replayability.Replay("ft9.auth.events"));
    }

    @Test
    void a_discarded_one_an_event_set_aside_for_its_size_one_without_its_topic_or_an_emptied_one_is_refused_with_the_reason() {
        assertThat(Replayability.decide(DeadLetterStatus.DISCARDED, "ft9.auth.events", USER_CREATED, true, DAY, REMEMBER))
                .isInstanceOfSatisfying(Replayability.Refuse.class, r -> assertThat(r.reason()).contains("discarded"));
        assertThat(Replayability.decide(DeadLetterStatus.PENDING, null, Replayability.SET_ASIDE, true, DAY, REMEMBER))
                .isInstanceOfSatisfying(Replayability.Refuse.class, r -> assertThat(r.reason()).contains("outbox"));
        assertThat(Replayability.decide(DeadLetterStatus.PENDING, " ", USER_CREATED, true, DAY, REMEMBER))
                .isInstanceOfSatisfying(Replayability.Refuse.class, r -> assertThat(r.reason()).contains("which topic"));
        assertThat(Replayability.decide(DeadLetterStatus.REPLAYED, "ft9.whatsapp.outbound", SEND, false, DAY, REMEMBER))
                .as("a replayed one whose record retention emptied").isInstanceOfSatisfying(Replayability.Refuse.class,
                        r -> assertThat(r.reason()).contains("emptied"));
    }

    @Test
    void a_dead_letter_older_than_what_consumers_remember_less_the_longest_topic_retention_is_refused() {
        assertThat(Replayability.decide(DeadLetterStatus.PENDING, "ft9.whatsapp.inbound", RECEIVED, true, Duration.ofDays(60),
                REMEMBER)).as("60 days: every consumer still remembers it").isEqualTo(new Replayability.Replay("ft9.whatsapp.inbound"));
        assertThat(Replayability.decide(DeadLetterStatus.PENDING, "ft9.whatsapp.inbound", RECEIVED, true,
                Duration.ofDays(60).plusMinutes(1), REMEMBER)).isInstanceOfSatisfying(Replayability.Refuse.class,
                        r -> assertThat(r.reason()).contains("older than 60 days", "after 90 days", "apply it twice"));
        assertThat(Replayability.decide(DeadLetterStatus.PENDING, "ft9.auth.events", USER_CREATED, true, DAY, Duration.ofDays(20)))
                .as("remembering less than a topic keeps: nothing can be replayed safely").isInstanceOf(Replayability.Refuse.class);
    }
}
