package br.ft9.gateway.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import br.ft9.common.vertx.Draining;
import br.ft9.gateway.domain.InboundMessages;
import io.quarkus.runtime.ShutdownEvent;

/** At shutdown, lets the webhooks in flight be answered after their commit before the pool closes under them. */
@ApplicationScoped
class IngestDraining {

    private final InboundMessages inbound;

    IngestDraining(InboundMessages inbound) {
        this.inbound = inbound;
    }

    void stop(@Observes ShutdownEvent stopping) {
        Draining.await("inbound messages", inbound.stop());
    }
}
