/** The rules of whatsapp-gateway, in plain classes with as few framework types as possible. */
package br.ft9.gateway.domain;
