/** Stores and outside clients of flow-service. */
package br.ft9.flow.infra;
