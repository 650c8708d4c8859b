/** Kafka consumers and producers of memory-service and their versioned event records. */
package br.ft9.memory.events;
