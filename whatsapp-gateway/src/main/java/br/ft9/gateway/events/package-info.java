/** Kafka consumers and producers of whatsapp-gateway and their versioned event records. */
package br.ft9.gateway.events;
