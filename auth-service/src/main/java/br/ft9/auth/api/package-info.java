/** REST resources of auth-service and their request/response records. */
package br.ft9.auth.api;
