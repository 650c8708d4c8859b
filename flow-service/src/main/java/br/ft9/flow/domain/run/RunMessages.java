package br.ft9.flow.domain.run;

import br.ft9.flow.events.FlowEvents;
import io.smallrye.mutiny.Uni;

/** Commands and requests a run gives the platform, written in the step's transaction and sent on after its commit. */
public interface RunMessages {

    Uni<Void> send(FlowEvents.SendMessageV1 command);

    Uni<Void> handOff(FlowEvents.HandoffRequestedV1 request);
}
