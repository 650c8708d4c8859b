/** Stores and outside clients of whatsapp-gateway. */
package br.ft9.gateway.infra;
