package br.ft9.flow.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.flow.domain.ContactData;
import io.smallrye.mutiny.Uni;

/** flow-service's part of a contact's export (the gateway gathers the parts): the contact travels in the body. */
@Path("/api/automations/contact-exports")
@RolesAllowed(Role.ORG_ADMIN_NAME)
public class ContactExportResource {

    /** Which contact: the gateway's id and their WhatsApp id (how automations know them). */
    public record ContactRef(@NotNull UUID contactId, @Size(max = 64) String waId) {
    }

    private final ContactData contacts;
    private final TenantContext tenant;

    public ContactExportResource(ContactData contacts, TenantContext tenant) {
        this.contacts = contacts;
        this.tenant = tenant;
    }

    @POST
    @Operation(summary = "What automations keep about a contact", description = "Fields, tags, and every automation run of"
            + " theirs with its data and steps.")
    public Uni<JsonNode> export(@Valid @NotNull ContactRef contact) {
        return contacts.export(tenant.orgId(), contact.waId());
    }
}
