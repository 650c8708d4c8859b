package br.ft9.memory.events;

import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** memory-service's reading of the gateway's {@code ft9.whatsapp.contact.erasure_requested.v1}. */
@RegisterForReflection
public record ContactErasureRequestedV1(UUID erasureId, UUID orgId, UUID contactId, String waId) {

    public static final String TYPE = "ft9.whatsapp.contact.erasure_requested.v1";
}
