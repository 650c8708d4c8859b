package br.ft9.tenant.domain;

/** Whether an organisation may use the platform. */
public enum OrganizationStatus {
    ACTIVE, SUSPENDED
}
