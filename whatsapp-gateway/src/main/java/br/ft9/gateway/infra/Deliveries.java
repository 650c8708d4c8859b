package br.ft9.gateway.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;


import br.ft9.gateway.domain.GatewaySettings;
import br.ft9.gateway.domain.Delivery;

/** Chooses the delivery {@code ft9.whatsapp.outbound-delivery} names: the local outbox, or the Graph API. */
public class Deliveries {

    @Produces
    @ApplicationScoped
    Delivery delivery(GatewaySettings settings, GraphDelivery graph, LocalOutboxDelivery local) {
        return settings.outboundDelivery() == GatewaySettings.OutboundDelivery.LOCAL ? local : graph;
    }
}
