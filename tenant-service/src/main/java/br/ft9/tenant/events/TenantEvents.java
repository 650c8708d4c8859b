package br.ft9.tenant.events;

/** The topic tenant-service publishes its events to. */
public final class TenantEvents {

    public static final String TOPIC = "ft9.tenant.events";

    private TenantEvents() {
    }
}
