/** The rules of tenant-service, in plain classes with as few framework types as possible. */
package br.ft9.tenant.domain;
