/** The rules of auth-service, in plain classes with as few framework types as possible. */
package br.ft9.auth.domain;
