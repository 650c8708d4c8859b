/** Stores and outside clients of tenant-service. */
package br.ft9.tenant.infra;
