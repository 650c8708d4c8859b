package br.ft9.tenant;

import java.util.Set;

import br.ft9.common.testing.FourRooms;

/** tenant-service keeps the four rooms: rules and use cases in the domain; storage, timers and outside calls in infra. */
class ArchitectureTest extends FourRooms {

    ArchitectureTest() {
        super("tenant", Set.of());
    }
}
