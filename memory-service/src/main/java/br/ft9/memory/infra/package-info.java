/** Stores and outside clients of memory-service. */
package br.ft9.memory.infra;
