package br.ft9.memory;

import java.util.Set;

import br.ft9.common.testing.FourRooms;

/** memory-service keeps the four rooms (its domain classes in the debt list are not moved yet). */
class ArchitectureTest extends FourRooms {

    ArchitectureTest() {
        // Domain classes that still hold SQL, a pool, a timer or an infra client (issue 22); the list only shrinks.
        super("memory", Set.of());
    }
}
