package br.ft9.gateway.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import br.ft9.gateway.domain.Contact;

/** Someone who writes to the organisation on WhatsApp. */
public record ContactResponse(UUID id, String waId, String profileName, boolean optedOut, OffsetDateTime lastInboundAt,
        OffsetDateTime createdAt, OffsetDateTime erasedAt) {

    static ContactResponse of(Contact c) {
        // An erased contact is an anonymous tombstone: its stand-in WhatsApp id is nobody's number.
        return new ContactResponse(c.id, c.erasedAt == null ? c.waId : null, c.profileName, c.optedOut, c.lastInboundAt, c.createdAt,
                c.erasedAt);
    }
}
