package br.ft9.gateway.api;

import java.util.UUID;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import br.ft9.gateway.domain.ContactPrivacy;

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

    /** An erasure request as it stands: complete once every service that keeps contact data confirmed. */
    public record ErasureResponse(UUID id, UUID contactId, String status, OffsetDateTime requestedAt, OffsetDateTime completedAt,
            Map<String, OffsetDateTime> confirmed, List<String> waitingFor) {

        static ErasureResponse of(ContactPrivacy.Erasure e) {
            return new ErasureResponse(e.id(), e.contactId(), e.complete() ? "COMPLETE" : "IN_PROGRESS", e.requestedAt(),
                    e.completedAt(), e.confirmed(), e.waitingFor());
        }
    }

    private final Inbox inbox;
    private final ContactPrivacy privacy;
    private final TenantContext tenant;
    private final JsonWebToken token;

    /** The media an archive holds at most: the gateway keeps it whole in memory while it is written. */
    static final long MAX_ARCHIVE_BYTES = 40L * 1024 * 1024;

    private final br.ft9.gateway.domain.GatewaySettings settings;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public ContactResource(Inbox inbox, ContactPrivacy privacy, TenantContext tenant, JsonWebToken token,
            br.ft9.gateway.domain.GatewaySettings settings, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.inbox = inbox;
        this.privacy = privacy;
        this.tenant = tenant;
        this.token = token;
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

    @GET
    @Path("/{id}/export")
    @RolesAllowed(Role.ORG_ADMIN_NAME)
    @Operation(summary = "Everything the platform keeps about the contact (LGPD)", description = "One JSON document gathered"
            + " from every service's own store: contact, conversations, messages with Meta's objects (media references),"
            + " journeys, the assistant's turns and unanswered questions, contact fields, tags and automation runs. 503 while"
            + " a service cannot give its part.")
    public Uni<RestResponse<JsonNode>> export(@RestPath UUID id) {
        return privacy.export(tenant.orgId(), id, token.getRawToken()).map(document -> RestResponse.ResponseBuilder.ok(document)
                .header("Content-Disposition", "attachment; filename=\"contact-" + id + ".json\"")
                .header("Cache-Control", "no-store").build());
    }

    @GET
    @Path("/{id}/export.zip")
    @Produces("application/zip")
    @RolesAllowed(Role.ORG_ADMIN_NAME)
    @Operation(summary = "The contact's export with their media files (LGPD)", description = "A zip: contact.json (the export,"
            + " listing which file holds which message's media and which could not be fetched from Meta) and media/; each file"
            + " at most the gateway's media limit, the whole at most 40 MB. 503 while a service cannot give its part.")
    public Uni<RestResponse<byte[]>> exportWithMedia(@RestPath UUID id) {
        return privacy.exportWithMedia(tenant.orgId(), id, token.getRawToken(), settings.mediaMaxBytes(), MAX_ARCHIVE_BYTES)
                // Writing the zip is CPU work: off the event loop.
                .emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                .map(archive -> RestResponse.ResponseBuilder.ok(ContactArchive.zip(archive, json), "application/zip")
                        .header("Content-Disposition", "attachment; filename=\"contact-" + id + ".zip\"")
                        .header("Cache-Control", "no-store").build());
    }

    @POST
    @Path("/{id}/erasure")
    @RolesAllowed(Role.ORG_ADMIN_NAME)
    @ResponseStatus(202)
    @Operation(summary = "Erase the contact's data at their request (LGPD)", description = "The gateway erases at once; the"
            + " other services on the erasure event, each confirming. 202 with the request; 409 if erased already.")
    public Uni<RestResponse<ErasureResponse>> erase(@RestPath UUID id) {
        return privacy.requestErasure(tenant.orgId(), id, tenant.userId()).map(erasure -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.ACCEPTED, ErasureResponse.of(erasure))
                .location(URI.create("/api/contacts/erasures/" + erasure.id())).build());
    }

    @GET
    @Path("/erasures/{requestId}")
    @RolesAllowed(Role.ORG_ADMIN_NAME)
    @Operation(summary = "An erasure request: which services have confirmed")
    public Uni<ErasureResponse> erasure(@RestPath UUID requestId) {
        return privacy.erasure(tenant.orgId(), requestId).map(ErasureResponse::of);
    }
}
