/** Kafka consumers and producers of tenant-service and their versioned event records. */
package br.ft9.tenant.events;
