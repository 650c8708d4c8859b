package br.ft9.memory.api;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;

import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.memory.domain.StartingSynonyms;
import br.ft9.memory.domain.Synonyms;
import br.ft9.memory.infra.SynonymStore;
import io.smallrye.mutiny.Uni;

/** The organisation's synonyms: the words its patients use for what its knowledge writes differently. */
@Path("/api/knowledge/synonyms")
public class SynonymsResource {

    private final SynonymStore store;
    private final TenantContext tenant;

    public SynonymsResource(SynonymStore store, TenantContext tenant) {
        this.store = store;
        this.tenant = tenant;
    }

    /** The groups in use, whether the organisation edited them, and the starting lists it can take words from. */
    public record SynonymsResponse(List<List<String>> groups, boolean edited, Map<StartingSynonyms.Kind, List<List<String>>> startingLists) {
    }

    /** The groups to keep: each a list of expressions that mean the same. */
    public record SynonymsRequest(@NotNull List<List<String>> groups) {
    }

    @GET
    @Operation(summary = "The organisation's synonyms", description = "Groups of expressions that mean the same to its patients"
            + " (\"raio x\", \"radiografia\"); a question holding one matches knowledge holding another. Until edited, the"
            + " starting list every organisation shares; startingLists has each kind of business's words to add.")
    public Uni<SynonymsResponse> get() {
        return store.kept(tenant.orgId()).map(kept -> new SynonymsResponse(kept.synonyms().groups(), kept.edited(), startingLists()));
    }

    @PUT
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Keep the organisation's synonyms", description = "Replaces every group; expressions are trimmed and"
            + " lower-cased. The next question reads them (every replica's index is rebuilt).")
    public Uni<SynonymsResponse> put(@Valid @NotNull SynonymsRequest request) {
        Synonyms synonyms = new Synonyms(request.groups()).validated();
        return store.save(tenant.orgId(), synonyms).replaceWith(() -> new SynonymsResponse(synonyms.groups(), true, startingLists()));
    }

    private static Map<StartingSynonyms.Kind, List<List<String>>> startingLists() {
        Map<StartingSynonyms.Kind, List<List<String>>> lists = new java.util.EnumMap<>(StartingSynonyms.Kind.class);
        for (StartingSynonyms.Kind kind : StartingSynonyms.Kind.values()) {
            lists.put(kind, StartingSynonyms.of(kind).groups());
        }
        return lists;
    }
}
