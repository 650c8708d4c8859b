package br.ft9.flow.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import br.ft9.common.testing.MovableClock;

/** In tests flow-service reads a clock they can move forward, so windows are seen closing the way time closes them. */
public class MovedClocks {

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    MovableClock clock() {
        return new MovableClock();
    }
}
