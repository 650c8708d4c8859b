package br.ft9.gateway.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;

import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.gateway.domain.NumberHealth;
import br.ft9.gateway.domain.Reports;
import io.smallrye.mutiny.Uni;

/** The health of the organisation's WhatsApp numbers, as the settings screen shows it beside each number. */
@Path("/api/inbox/numbers")
@RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
public class NumbersResource {

    private final Reports reports;
    private final TenantContext tenant;

    public NumbersResource(Reports reports, TenantContext tenant) {
        this.reports = reports;
        this.tenant = tenant;
    }

    @GET
    @Operation(summary = "Each number's last message received, last message sent and last send error (last 30 days)")
    public Uni<List<NumberHealth>> numbers() {
        return reports.numbers(tenant.orgId());
    }
}
