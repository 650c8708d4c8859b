/** REST resources of flow-service and their request/response records. */
package br.ft9.flow.api;
