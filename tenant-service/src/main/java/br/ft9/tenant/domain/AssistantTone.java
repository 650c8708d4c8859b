package br.ft9.tenant.domain;

/** How the assistant speaks to an organisation's contacts. */
public enum AssistantTone {
    FRIENDLY, FORMAL, CASUAL
}
