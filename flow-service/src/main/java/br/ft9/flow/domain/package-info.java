/** The rules of flow-service, in plain classes with as few framework types as possible. */
package br.ft9.flow.domain;
