/** REST resources of billing-service and their request/response records. */
package br.ft9.billing.api;
