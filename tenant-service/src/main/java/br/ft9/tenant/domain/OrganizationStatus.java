package br.ft9.tenant.domain;

/** Whether an organisation may use the platform; DELETION_PENDING is suspended until erased or restored. */
public enum OrganizationStatus {
    ACTIVE, SUSPENDED, DELETION_PENDING
}
