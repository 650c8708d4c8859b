package br.ft9.memory.api;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import br.ft9.common.errors.InvalidField;
import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.memory.domain.Answers;
import br.ft9.memory.domain.ConversationTurns;
import br.ft9.memory.domain.KnowledgeIndex;
import br.ft9.memory.domain.Retrieval;
import io.smallrye.mutiny.Uni;

/** Searching the organisation's knowledge, and answering from it (members, and platform services acting for it). */
@Path("/api/knowledge")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME, Role.SERVICE_NAME })
public class SearchResource {

    private final Retrieval retrieval;
    private final Answers answers;
    private final TenantContext tenant;
    private final ConversationTurns memory;

    public SearchResource(Retrieval retrieval, Answers answers, TenantContext tenant, ConversationTurns memory) {
        this.retrieval = retrieval;
        this.answers = answers;
        this.tenant = tenant;
        this.memory = memory;
    }

    /** A search: {@code mode} hybrid (default), bm25 or vector. */
    public record SearchRequest(@NotBlank @Size(max = 1000) String query, @Min(1) @Max(50) Integer limit, String mode) {
    }

    /** A passage found: its score (hybrid: 0.7 of the normalised BM25 score plus 0.3 of the cosine), its item. */
    public record HitResponse(UUID chunkId, UUID itemId, String itemTitle, String itemKind, String text, double score,
            Integer bm25Rank, Integer vectorRank, double similarity) {
        static HitResponse of(Retrieval.Found f) {
            return new HitResponse(f.hit().chunkId(), f.hit().itemId(), f.item().title(), f.item().kind(), f.hit().text(),
                    f.hit().score(), f.hit().bm25Rank(), f.hit().vectorRank(), f.hit().similarity());
        }
    }

    public record SearchResponse(List<HitResponse> items) {
    }

    /**
     * A question; with {@code contactId} the contact's recent conversation with the assistant is read as context (a
     * follow-up such as "e no sábado?"), or with {@code turns} the conversation given.
     */
    public record RagRequest(@NotBlank @Size(max = 1000) String question, UUID contactId, @Size(max = 12) List<@Valid TurnRequest> turns) {
    }

    /** A turn of a conversation: who spoke ({@code contact} or {@code assistant}) and what. */
    public record TurnRequest(@NotBlank @jakarta.validation.constraints.Pattern(regexp = "contact|assistant") String role,
            @NotBlank @Size(max = 1000) String text) {
    }

    /** An answer with the items it used, or a hand-off ({@code handoff} true, {@code mode} handoff). */
    public record RagResponse(String answer, boolean handoff, String mode, List<Answers.Citation> citations,
            List<HitResponse> passages) {
    }

    @POST
    @Path("/search")
    @Operation(summary = "Hybrid search of the organisation's knowledge", description = "BM25 with a Portuguese analyser and "
            + "vector similarity, fused; only the caller's organisation is searched.")
    public Uni<SearchResponse> search(@Valid @NotNull SearchRequest request) {
        KnowledgeIndex.Mode mode = mode(request.mode());
        return retrieval.search(tenant.orgId(), request.query(), request.limit() == null ? 10 : request.limit(), mode)
                .map(found -> new SearchResponse(found.stream().map(HitResponse::of).toList()));
    }

    @POST
    @Path("/rag")
    @Operation(summary = "Answer a question from the knowledge, with citations", description = "With a language model "
            + "configured, a grounded answer written by it; without one, the most relevant sentences. A hand-off when nothing "
            + "relevant is found.")
    public Uni<RagResponse> rag(@Valid @NotNull RagRequest request) {
        Uni<List<Answers.Turn>> turns = request.contactId() != null ? memory.recent(tenant.orgId(), request.contactId())
                : Uni.createFrom().item(request.turns() == null ? List.<Answers.Turn>of()
                        : request.turns().stream().map(t -> new Answers.Turn(t.role(), t.text())).toList());
        return turns.chain(context -> answers.answer(tenant.orgId(), request.question(), context)).map(a -> new RagResponse(a.text(),
                a.handoff(), a.mode(), a.citations(), a.passages().stream().map(HitResponse::of).toList()));
    }

    private static KnowledgeIndex.Mode mode(String value) {
        if (value == null) {
            return KnowledgeIndex.Mode.HYBRID;
        }
        try {
            return KnowledgeIndex.Mode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidField("mode", "mode is hybrid, bm25 or vector");
        }
    }
}
