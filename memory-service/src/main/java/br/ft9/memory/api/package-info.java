/** REST resources of memory-service and their request/response records. */
package br.ft9.memory.api;
