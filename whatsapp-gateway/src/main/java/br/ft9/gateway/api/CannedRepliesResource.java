package br.ft9.gateway.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.gateway.domain.CannedReply;
import br.ft9.gateway.domain.TeamWords;
import io.smallrye.mutiny.Uni;

/** The organisation's canned replies: admins and managers keep them, everyone in the inbox uses them. */
@Path("/api/conversations/replies")
@RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME })
public class CannedRepliesResource {

    private final TeamWords words;
    private final TenantContext tenant;

    public CannedRepliesResource(TeamWords words, TenantContext tenant) {
        this.words = words;
        this.tenant = tenant;
    }

    /** A canned reply: its shortcut ("/horario") and text, with variables {{contact.name}} and {{agent.name}}. */
    public record ReplyRequest(@jakarta.validation.constraints.Size(max = 40) String shortcut,
            @jakarta.validation.constraints.Size(max = 4096) String text) {
    }

    public record ReplyResponse(UUID id, String shortcut, String text, OffsetDateTime updatedAt) {
        static ReplyResponse of(CannedReply r) {
            return new ReplyResponse(r.id, r.shortcut, r.text, r.updatedAt);
        }
    }

    @GET
    @Operation(summary = "The organisation's canned replies, by shortcut")
    public Uni<List<ReplyResponse>> list() {
        return words.replies(tenant.orgId()).map(found -> found.stream().map(ReplyResponse::of).toList());
    }

    @POST
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Add a canned reply", description = "400 naming shortcut or text; 409 when the shortcut is taken.")
    public Uni<RestResponse<ReplyResponse>> create(@Valid @NotNull ReplyRequest request) {
        return words.saveReply(tenant.orgId(), null, request.shortcut(), request.text())
                .map(r -> RestResponse.ResponseBuilder.<ReplyResponse>created(URI.create("/api/conversations/replies/" + r.id))
                        .entity(ReplyResponse.of(r)).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Change a canned reply")
    public Uni<ReplyResponse> change(@RestPath UUID id, @Valid @NotNull ReplyRequest request) {
        return words.saveReply(tenant.orgId(), id, request.shortcut(), request.text()).map(ReplyResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Delete a canned reply")
    public Uni<Void> delete(@RestPath UUID id) {
        return words.deleteReply(tenant.orgId(), id);
    }
}
