/** REST resources of whatsapp-gateway and their request/response records. */
package br.ft9.gateway.api;
