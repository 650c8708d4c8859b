package br.ft9.flow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** When an automation starts again for a contact it already ran for. */
class RepeatRuleTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 29, 22, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void a_contact_it_never_ran_for_always_gets_a_run() {
        assertThat(RepeatRule.decide(true, Duration.ofHours(12), null, NOW)).isInstanceOf(RepeatRule.Start.class);
    }

    @Test
    void within_the_cooldown_the_start_is_skipped_with_the_time_of_the_last_run() {
        RepeatRule.Decision decision = RepeatRule.decide(false, Duration.ofHours(12), NOW.minusHours(11), NOW);
        assertThat(decision).isEqualTo(new RepeatRule.Skip("cooldown PT12H: ran for this contact at 2026-11-29T11:00:00Z"));
    }

    @Test
    void once_the_cooldown_has_passed_the_contact_gets_a_run_again() {
        assertThat(RepeatRule.decide(false, Duration.ofHours(12), NOW.minusHours(12), NOW)).isInstanceOf(RepeatRule.Start.class);
    }

    @Test
    void once_per_contact_skips_whatever_the_time_since() {
        assertThat(RepeatRule.decide(true, null, NOW.minusDays(400), NOW)).isInstanceOf(RepeatRule.Skip.class);
    }

    @Test
    void without_once_per_contact_or_cooldown_every_trigger_starts_a_run() {
        assertThat(RepeatRule.needsHistory(false, null)).isFalse();
        assertThat(RepeatRule.decide(false, null, NOW.minusMinutes(1), NOW)).isInstanceOf(RepeatRule.Start.class);
    }
}
