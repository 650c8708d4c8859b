package br.ft9.memory.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code ft9.memory.contact.erased.v1} on {@code ft9.memory.events}: memory-service removed what it kept about
 * the contact of the erasure (the assistant's conversation turns, the questions it handed off).
 */
@RegisterForReflection
public record ContactErasedV1(UUID erasureId, UUID orgId, UUID contactId, String service, OffsetDateTime erasedAt) {

    public static final String TYPE = "ft9.memory.contact.erased.v1";
    public static final String TOPIC = "ft9.memory.events";
}
