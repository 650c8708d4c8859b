package br.ft9.gateway;

import java.util.Set;

import br.ft9.common.testing.FourRooms;

/** whatsapp-gateway keeps the four rooms: rules and use cases in the domain; storage, Meta and timers in infra. */
class ArchitectureTest extends FourRooms {

    ArchitectureTest() {
        super("gateway", Set.of());
    }
}
