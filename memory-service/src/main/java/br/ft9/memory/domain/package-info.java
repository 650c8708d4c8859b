/** The rules of memory-service, in plain classes with as few framework types as possible. */
package br.ft9.memory.domain;
