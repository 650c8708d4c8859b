/** Kafka consumers and producers of auth-service and their versioned event records. */
package br.ft9.auth.events;
