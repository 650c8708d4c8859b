/** Kafka consumers and producers of billing-service and their versioned event records. */
package br.ft9.billing.events;
