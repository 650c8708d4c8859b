package br.ft9.gateway.domain;

import java.time.OffsetDateTime;

/**
 * How one of the organisation's numbers is doing, from its messages of the last 30 days: the last message a contact
 * sent to it, the last one it sent that Meta took, and the last send Meta refused, with Meta's reason.
 */
public record NumberHealth(String phoneNumberId, OffsetDateTime lastReceivedAt, OffsetDateTime lastSentAt, OffsetDateTime lastErrorAt,
        String lastError) {
}
