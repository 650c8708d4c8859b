package br.ft9.gateway.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import br.ft9.gateway.domain.Contact;

/** Someone who writes to the organisation on WhatsApp. */
public record ContactResponse(UUID id, String waId, String profileName, boolean optedOut, OffsetDateTime lastInboundAt,
        OffsetDateTime createdAt) {

    static ContactResponse of(Contact c) {
        return new ContactResponse(c.id, c.waId, c.profileName, c.optedOut, c.lastInboundAt, c.createdAt);
    }
}
