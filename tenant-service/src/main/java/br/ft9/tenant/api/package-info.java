/** REST resources of tenant-service and their request/response records. */
package br.ft9.tenant.api;
