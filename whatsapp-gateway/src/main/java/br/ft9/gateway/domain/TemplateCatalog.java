package br.ft9.gateway.domain;

import java.util.List;

import io.smallrye.mutiny.Uni;

/** Where the approved templates of a WhatsApp business account are read from (Meta's Graph API). */
public interface TemplateCatalog {

    /** The account's approved templates, read with the number's access token. */
    Uni<List<MessageTemplate>> approved(String wabaId, String accessToken);
}
