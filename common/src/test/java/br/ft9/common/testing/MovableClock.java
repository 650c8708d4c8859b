package br.ft9.common.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock a test moves forward to see a window close (an invitation's seven days, a reset link's hour) without
 * editing rows behind the service's back. It keeps running with the system clock, only shifted; {@link #reset()} puts
 * it back, which a test does in {@code finally} because the service shares it with the tests after it.
 */
public final class MovableClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    /** Moves the time the service reads this much ahead of now. */
    public void advance(Duration by) {
        ahead = ahead.plus(by);
    }

    public void reset() {
        ahead = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), ahead);
    }
}
