package br.ft9.gateway.domain;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many of Meta's notifications are handled at once, and whether one more is: beyond the limit the webhook answers
 * 503 and Meta delivers it again later, instead of a flood piling requests up until the heap runs out (at 3,000 a second
 * on 2 cores the gateway's 256 MB did, and it answered nothing afterwards).
 */
public final class WebhookAdmission {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    public WebhookAdmission(int limit) {
        this.limit = limit;
    }

    /** Takes a place if one is free; every place taken is given back with {@link #leave()}. */
    public boolean tryEnter() {
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    public void leave() {
        inFlight.decrementAndGet();
    }

    /** The notifications being handled now. */
    public int inFlight() {
        return inFlight.get();
    }
}
