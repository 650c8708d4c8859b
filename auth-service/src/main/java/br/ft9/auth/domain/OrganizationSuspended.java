package br.ft9.auth.domain;

/** The account's organisation is suspended: right password, but no session (403). */
public class OrganizationSuspended extends RuntimeException {

    public OrganizationSuspended() {
        super("this organisation is suspended; its users cannot sign in");
    }
}
