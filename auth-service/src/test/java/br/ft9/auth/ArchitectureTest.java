package br.ft9.auth;

import java.util.Set;

import br.ft9.common.testing.FourRooms;

/** auth-service keeps the four rooms: rules and use cases in the domain; storage, keys, mail and outside calls in infra. */
class ArchitectureTest extends FourRooms {

    ArchitectureTest() {
        super("auth", Set.of());
    }
}
