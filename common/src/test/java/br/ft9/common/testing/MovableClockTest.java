package br.ft9.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class MovableClockTest {

    @Test
    void a_moved_clock_reads_that_far_ahead_until_it_is_put_back() {
        MovableClock clock = new MovableClock();
        clock.advance(Duration.ofDays(8));
        Instant before = Instant.now();
        assertThat(clock.instant()).isBetween(before.plus(Duration.ofDays(8)), Instant.now().plus(Duration.ofDays(8)));
        assertThat(clock.withZone(java.time.ZoneId.of("America/Sao_Paulo")).instant()).isAfter(before.plus(Duration.ofDays(8)));
        clock.reset();
        assertThat(clock.instant()).isBetween(before, Instant.now());
    }
}
