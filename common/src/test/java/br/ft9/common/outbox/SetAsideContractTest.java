package br.ft9.common.outbox;

import static br.ft9.common.testing.Contracts.assertWrites;
import static br.ft9.common.testing.Contracts.sample;

import org.junit.jupiter.api.Test;

/** The record every service's outbox relay puts on a dead-letter topic for an event too large holds its contract's fields. */
class SetAsideContractTest {

    @Test
    void the_record_standing_for_an_event_set_aside_holds_every_field_of_its_contract() {
        assertWrites(OutboxRelay.SET_ASIDE, sample(OutboxRelay.SetAsideV1.class));
    }
}
