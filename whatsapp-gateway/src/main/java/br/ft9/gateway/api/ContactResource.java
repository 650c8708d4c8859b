package br.ft9.gateway.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import br.ft9.common.api.PageResponse;
import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.gateway.domain.Inbox;
import io.smallrye.mutiny.Uni;

/** The people who write to the organisation on WhatsApp, and their wish to receive messages or not. */
@Path("/api/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME })
public class ContactResource {

    private final Inbox inbox;
    private final TenantContext tenant;

    public ContactResource(Inbox inbox, TenantContext tenant) {
        this.inbox = inbox;
        this.tenant = tenant;
    }

    @GET
    @Operation(summary = "List contacts, newest first; q searches name and number")
    public Uni<PageResponse<ContactResponse>> list(@QueryParam("q") @Size(max = 100) String q,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return inbox.contacts(tenant.orgId(), q, page, size).map(found -> found.map(ContactResponse::of));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One contact")
    public Uni<ContactResponse> get(@RestPath UUID id) {
        return inbox.contact(tenant.orgId(), id).map(ContactResponse::of);
    }

    @POST
    @Path("/{id}/opt-out")
    @Operation(summary = "Opt the contact out", description = "No message is sent to them any more (contacts can also "
            + "send SAIR or STOP themselves).")
    public Uni<ContactResponse> optOut(@RestPath UUID id) {
        return inbox.optOut(tenant.orgId(), id, true, tenant.userId()).map(ContactResponse::of);
    }

    @DELETE
    @Path("/{id}/opt-out")
    @Operation(summary = "Lift the contact's opt-out", description = "Only at the contact's request (they can also send "
            + "VOLTAR or START).")
    public Uni<ContactResponse> optIn(@RestPath UUID id) {
        return inbox.optOut(tenant.orgId(), id, false, tenant.userId()).map(ContactResponse::of);
    }
}
