package br.ft9.gateway.infra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import br.ft9.gateway.domain.Delivery;

/** Chooses the delivery from {@code ft9.whatsapp.outbound-delivery}: {@code local}, else the Graph API. */
public class Deliveries {

    @Produces
    @ApplicationScoped
    Delivery delivery(@ConfigProperty(name = "ft9.whatsapp.outbound-delivery") String configured, GraphDelivery graph,
            LocalOutboxDelivery local) {
        return "local".equalsIgnoreCase(configured) ? local : graph;
    }
}
