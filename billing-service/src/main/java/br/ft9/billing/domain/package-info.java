/** The rules of billing-service, in plain classes with as few framework types as possible. */
package br.ft9.billing.domain;
