package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code ft9.whatsapp.contact.erasure_requested.v1} on {@code ft9.whatsapp.inbound}, keyed like the contact's
 * messages (organisation + WhatsApp id), so that every consumer applies it after each message of theirs that came
 * before: the organisation erases a contact at their request (LGPD); each service that keeps data about contacts
 * removes or anonymises it and confirms with its own {@code ft9.<service>.contact.erased.v1} naming {@code erasureId}.
 */
@RegisterForReflection
public record ContactErasureRequestedV1(UUID erasureId, UUID orgId, UUID contactId, String waId, OffsetDateTime requestedAt) {

    public static final String TYPE = "ft9.whatsapp.contact.erasure_requested.v1";
    public static final String TOPIC = "ft9.whatsapp.inbound";
}
