/** Kafka consumers and producers of flow-service and their versioned event records. */
package br.ft9.flow.events;
