package br.ft9.common.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * In every service's tests the clock is one they can move forward, so windows are seen closing the way time closes them
 * (common's test-jar is a bean archive for this producer; the alternative wins over common's {@code Clocks}).
 */
public class MovedClocks {

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    MovableClock clock() {
        return new MovableClock();
    }
}
