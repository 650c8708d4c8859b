package br.ft9.memory.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;

import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.memory.domain.GapGroups;
import br.ft9.memory.domain.KnowledgeGaps;
import io.smallrye.mutiny.Uni;

/** The knowledge base's gaps: what patients asked that the assistant handed off for lack of knowledge, grouped. */
@Path("/api/knowledge/gaps")
public class GapsResource {

    private final KnowledgeGaps gaps;
    private final TenantContext tenant;

    public GapsResource(KnowledgeGaps gaps, TenantContext tenant) {
        this.gaps = gaps;
        this.tenant = tenant;
    }

    /** The open gaps, grouped. */
    public record GapsResponse(List<GapGroups.Group> groups, int questions) {
    }

    /** Gaps to set aside. */
    public record Dismissal(@NotEmpty @Size(max = 1000) List<@NotNull UUID> gapIds) {
    }

    /** How many gaps were closed. */
    public record Closed(int closed) {
    }

    @GET
    @Operation(summary = "Questions handed off for lack of knowledge, grouped by similarity", description = "The last 90 days' "
            + "open gaps; each group has the question as last asked, how often it was asked, a few wordings, the latest reply a "
            + "person gave in the conversation (answer, or null) and its gapIds. Most asked first. Creating an FAQ with "
            + "resolvesGaps closes them.")
    public Uni<GapsResponse> list() {
        return gaps.groups(tenant.orgId()).map(groups -> new GapsResponse(groups, groups.stream().mapToInt(GapGroups.Group::count).sum()));
    }

    @POST
    @Path("/dismiss")
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Set gaps aside", description = "For questions not worth an FAQ; they leave the list.")
    public Uni<Closed> dismiss(@Valid @NotNull Dismissal dismissal) {
        return gaps.dismiss(tenant.orgId(), dismissal.gapIds()).map(Closed::new);
    }
}
