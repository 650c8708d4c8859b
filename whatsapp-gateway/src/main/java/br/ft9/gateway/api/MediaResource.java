package br.ft9.gateway.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import br.ft9.gateway.domain.GatewaySettings;
import br.ft9.common.errors.ProblemMappers;
import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.gateway.domain.MediaLookup;
import br.ft9.gateway.infra.GraphApiException;
import io.smallrye.mutiny.Uni;

/** A message's media, described by WhatsApp on demand. */
@Path("/api/conversations/{conversationId}/messages/{messageId}/media")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME })
public class MediaResource {

    private final MediaLookup media;
    private final TenantContext tenant;

    private final long maxBytes;

    public MediaResource(MediaLookup media, TenantContext tenant, GatewaySettings settings) {
        this.media = media;
        this.tenant = tenant;
        this.maxBytes = settings.mediaMaxBytes();
    }

    @GET
    @Operation(summary = "A message's media", description = "Asks the Graph API for the media's type, size, hash and "
            + "short-lived download URL. 404 for a message without media; 502 when WhatsApp does not answer.")
    public Uni<MediaLookup.Media> get(@RestPath UUID conversationId, @RestPath UUID messageId) {
        return media.of(tenant.orgId(), conversationId, messageId);
    }

    @GET
    @Path("/content")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "A message's media itself", description = "Downloads it from WhatsApp with the organisation's token "
            + "(Meta's URL is useless without it) and answers the bytes with their type; 502 when WhatsApp fails or the media "
            + "is over WHATSAPP_MEDIA_MAX_BYTES.")
    public Uni<Response> content(@RestPath UUID conversationId, @RestPath UUID messageId) {
        return media.content(tenant.orgId(), conversationId, messageId, maxBytes)
                .map(content -> Response.ok(content.bytes(), content.mimeType())
                        .header("Cache-Control", "private, max-age=300").build());
    }

    /** WhatsApp's failure is not the caller's: 502 with what Meta said. */
    @ServerExceptionMapper
    public Response graphFailed(GraphApiException failure) {
        return ProblemMappers.problem(Response.Status.BAD_GATEWAY, "WhatsApp did not give the media: " + failure.getMessage())
                .build().toResponse();
    }
}
