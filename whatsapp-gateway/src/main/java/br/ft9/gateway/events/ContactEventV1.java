package br.ft9.gateway.events;

import java.time.OffsetDateTime;
import java.util.UUID;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code ft9.whatsapp.contact.opted_out.v1} / {@code .opted_in.v1} on {@code ft9.whatsapp.inbound}:
 * the contact asked for no more messages (or to have them again), by keyword or through an agent.
 */
@RegisterForReflection
public record ContactEventV1(UUID orgId, UUID contactId, String waId, boolean optedOut, UUID byUserId, OffsetDateTime at) {

    public static final String TOPIC = "ft9.whatsapp.inbound";
    public static final String OPTED_OUT = "ft9.whatsapp.contact.opted_out.v1";
    public static final String OPTED_IN = "ft9.whatsapp.contact.opted_in.v1";
}
