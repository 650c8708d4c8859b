package br.ft9.flow.api;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.flow.domain.ContactData;
import io.smallrye.mutiny.Uni;

/** A contact's fields and tags as automations keep them: read and changed from the console's contact panel. */
@Path("/api/automations/contacts/{waId}")
@RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME })
public class ContactDataResource {

    private final ContactData contacts;
    private final TenantContext tenant;

    public ContactDataResource(ContactData contacts, TenantContext tenant) {
        this.contacts = contacts;
        this.tenant = tenant;
    }

    /** The contact's fields and tags, all of them (what is left out is removed). */
    public record Change(Map<String, String> fields, List<String> tags) {
    }

    @GET
    @Operation(summary = "A contact's fields and tags as automations keep them", description = "404 until an automation or "
            + "a person gave the contact some.")
    public Uni<ContactData.Profile> get(@RestPath String waId) {
        return contacts.get(tenant.orgId(), waId);
    }

    @PUT
    @Operation(summary = "Replace a contact's fields and tags", description = "Field names as automations write them "
            + "(lower case, digits, _); values up to 1024 characters; tags up to 50; 400 naming the field.")
    public Uni<ContactData.Profile> change(@RestPath String waId, @Valid @NotNull Change change) {
        return contacts.change(tenant.orgId(), waId, change.fields(), change.tags());
    }
}
