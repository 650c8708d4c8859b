package br.ft9.memory.api;

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
import br.ft9.memory.domain.ContactData;
import io.smallrye.mutiny.Uni;

/** memory-service's part of a contact's export (the gateway gathers the parts): the contact travels in the body. */
@Path("/api/knowledge/contact-exports")
@RolesAllowed(Role.ORG_ADMIN_NAME)
public class ContactExportResource {

    /** Which contact: the gateway's id (and WhatsApp id, which memory-service does not need). */
    public record ContactRef(@NotNull UUID contactId, @Size(max = 64) String waId) {
    }

    private final ContactData contacts;
    private final TenantContext tenant;

    public ContactExportResource(ContactData contacts, TenantContext tenant) {
        this.contacts = contacts;
        this.tenant = tenant;
    }

    @POST
    @Operation(summary = "What memory-service keeps about a contact", description = "The assistant's recent turns with them and"
            + " the questions of theirs it handed off, with what a person replied.")
    public Uni<JsonNode> export(@Valid @NotNull ContactRef contact) {
        return contacts.export(tenant.orgId(), contact.contactId());
    }
}
