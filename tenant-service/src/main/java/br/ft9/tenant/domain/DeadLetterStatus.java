package br.ft9.tenant.domain;

/** Where a dead letter stands: waiting for someone, sent back to its topic, or set aside for good with a reason. */
public enum DeadLetterStatus {
    PENDING, REPLAYED, DISCARDED
}
