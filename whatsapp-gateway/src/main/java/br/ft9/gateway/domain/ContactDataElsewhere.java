package br.ft9.gateway.domain;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * The other services' parts of a contact's export, asked with the admin's own token (they check it themselves). A
 * service that cannot answer fails the export with {@link br.ft9.common.errors.Unavailable}: an export is whole or not
 * given.
 */
public interface ContactDataElsewhere {

    /** memory-service's part: the assistant's recent conversation turns and the questions it could not answer. */
    Uni<JsonNode> memory(UUID contactId, String waId, String bearerToken);

    /** flow-service's part: contact fields, tags and automation runs. */
    Uni<JsonNode> flow(UUID contactId, String waId, String bearerToken);
}
