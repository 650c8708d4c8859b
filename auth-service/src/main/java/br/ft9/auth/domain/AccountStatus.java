package br.ft9.auth.domain;

/** Where an account is in its life: invited (no password yet), active, or deactivated for good. */
public enum AccountStatus {
    INVITED, ACTIVE, DEACTIVATED
}
