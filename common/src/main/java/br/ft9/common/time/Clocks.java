package br.ft9.common.time;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The clock every service's rules and records read the time from: UTC. One injected clock rather than
 * {@code Instant.now()} calls, so that a test can move it (common's test {@code MovableClock}) and see a window close.
 */
public class Clocks {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
