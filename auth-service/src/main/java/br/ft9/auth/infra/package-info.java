/** Stores and outside clients of auth-service. */
package br.ft9.auth.infra;
