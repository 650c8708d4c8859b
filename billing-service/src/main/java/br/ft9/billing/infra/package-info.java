/** Stores and outside clients of billing-service. */
package br.ft9.billing.infra;
