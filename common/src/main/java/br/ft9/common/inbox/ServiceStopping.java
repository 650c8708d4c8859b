package br.ft9.common.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Knows when the service has begun to stop: a record whose application fails then (its pool closing under it) is left
 * for redelivery after the restart, not sent to the dead-letter topic.
 */
@ApplicationScoped
public class ServiceStopping {

    private static volatile boolean stopping;

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    static boolean now() {
        return stopping;
    }
}
