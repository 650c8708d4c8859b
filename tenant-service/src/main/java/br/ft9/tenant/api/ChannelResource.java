package br.ft9.tenant.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.tenant.domain.Channels;
import br.ft9.tenant.domain.NewChannel;
import br.ft9.tenant.domain.WhatsAppChannel;
import io.smallrye.mutiny.Uni;

/** The caller's organisation's WhatsApp numbers. */
@Path("/api/organizations/me/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelResource {

    private final Channels channels;
    private final TenantContext tenant;

    public ChannelResource(Channels channels, TenantContext tenant) {
        this.channels = channels;
        this.tenant = tenant;
    }

    @POST
    @RolesAllowed(Role.ORG_ADMIN_NAME)
    @Operation(summary = "Connect a WhatsApp number", description = "ORG_ADMIN only. The access token is stored sealed "
            + "and never shown again but for its last four characters. Meta is asked first whether the token can see the "
            + "number: 400 naming accessToken or phoneNumberId when it cannot, 502 when Meta cannot be asked (nothing is "
            + "connected either way). 409 if the number belongs to an organisation.")
    public Uni<RestResponse<ChannelResponse>> connect(@Valid @NotNull ConnectChannelRequest request) {
        NewChannel number = new NewChannel(request.phoneNumberId(), request.displayPhoneNumber(), request.wabaId(),
                request.accessToken());
        return channels.connect(tenant.orgId(), number).map(ChannelResponse::of)
                .map(created -> RestResponse.ResponseBuilder.<ChannelResponse>
                        created(URI.create("/api/organizations/me/channels/" + created.id())).entity(created).build());
    }

    @GET
    @RolesAllowed({Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME})
    @Operation(summary = "The organisation's WhatsApp numbers")
    public Uni<List<ChannelResponse>> list() {
        return channels.list(tenant.orgId()).map(found -> found.stream().map(ChannelResponse::of).toList());
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.ORG_ADMIN_NAME)
    @ResponseStatus(204)
    @Operation(summary = "Disconnect a WhatsApp number (ORG_ADMIN)")
    public Uni<Void> disconnect(@RestPath UUID id) {
        return channels.disconnect(tenant.orgId(), id);
    }

    /** Body of a connection, as Meta's Business Manager names the values. */
    public record ConnectChannelRequest(@Size(max = 32) String phoneNumberId, @Size(max = 32) String displayPhoneNumber,
            @Size(max = 32) String wabaId, @Size(max = 1024) String accessToken) {
    }

    /** A number as the API shows it: the token only as its last four characters. */
    public record ChannelResponse(UUID id, String phoneNumberId, String displayPhoneNumber, String wabaId,
            String accessToken, String status, OffsetDateTime createdAt) {
        static ChannelResponse of(WhatsAppChannel c) {
            return new ChannelResponse(c.id, c.phoneNumberId, c.displayPhoneNumber, c.wabaId, "****" + c.accessTokenLast4,
                    c.status, c.createdAt);
        }
    }

    @org.jboss.resteasy.reactive.server.ServerExceptionMapper
    public jakarta.ws.rs.core.Response metaUnavailable(br.ft9.tenant.domain.NumberOwnership.Unavailable unavailable) {
        return br.ft9.common.errors.ProblemMappers.problem(jakarta.ws.rs.core.Response.Status.BAD_GATEWAY,
                "the number could not be checked with Meta (" + unavailable.getMessage() + "); nothing was connected, try again")
                .build().toResponse();
    }
}
