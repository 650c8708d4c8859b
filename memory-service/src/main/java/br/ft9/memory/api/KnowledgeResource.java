package br.ft9.memory.api;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import br.ft9.common.api.PageResponse;
import br.ft9.common.errors.InvalidField;
import br.ft9.common.errors.NotFound;
import br.ft9.common.errors.ProblemMappers;
import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.memory.domain.IngestionJob;
import br.ft9.memory.domain.KnowledgeBase;
import br.ft9.memory.domain.Uploads;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The organisation's knowledge base: FAQ entries, texts and uploaded documents. Admins and managers change it; everyone reads it. */
@Path("/api/knowledge")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME })
public class KnowledgeResource {

    private final KnowledgeBase knowledge;
    private final Uploads uploads;
    private final TenantContext tenant;

    public KnowledgeResource(KnowledgeBase knowledge, Uploads uploads, TenantContext tenant) {
        this.knowledge = knowledge;
        this.uploads = uploads;
        this.tenant = tenant;
    }

    /**
     * Body of a new FAQ entry ({@code kind} FAQ: question, answer) or text ({@code kind} TEXT: title, body);
     * {@code resolvesGaps}: the knowledge gaps the item answers, closed with it.
     */
    public record NewItemRequest(@NotBlank String kind, @Size(max = 300) String title, @Size(max = 1000) String question,
            @Size(max = 10000) String answer, @Size(max = 200000) String body, List<String> tags, Boolean enabled,
            @Size(max = 1000) List<@NotNull UUID> resolvesGaps, List<String> phrasings) {
    }

    /**
     * Body of a change: fields left out stay. {@code resolvesGaps}: knowledge gaps the changed item now answers (a
     * patient's wording added as a phrasing), closed with the change.
     */
    public record ChangeRequest(@Size(max = 300) String title, @Size(max = 1000) String question,
            @Size(max = 10000) String answer, @Size(max = 200000) String body, List<String> tags, Boolean enabled,
            List<String> phrasings, @Size(max = 1000) List<@NotNull UUID> resolvesGaps) {
    }

    /** A document's processing: {@code chunksDone} of {@code chunksTotal}, and why it failed if it did. */
    public record JobResponse(UUID id, UUID itemId, String status, int chunksDone, Integer chunksTotal, String reason) {
        static JobResponse of(IngestionJob j) {
            return new JobResponse(j.id, j.itemId, j.status, j.chunksDone, j.chunksTotal, j.reason);
        }
    }

    /** What an upload answers at once. */
    public record UploadResponse(KnowledgeItemResponse item, JobResponse job) {
    }

    @POST
    @Path("/items")
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Add an FAQ entry or a text", description = "Chunked, embedded and searchable when this answers 201.")
    public Uni<RestResponse<KnowledgeItemResponse>> create(@Valid @NotNull NewItemRequest request) {
        return knowledge.create(tenant.orgId(), new KnowledgeBase.NewItem(request.kind(), request.title(), request.question(),
                request.answer(), request.body(), request.tags(), request.enabled(), request.resolvesGaps(), request.phrasings()))
                .map(item -> RestResponse.ResponseBuilder.<KnowledgeItemResponse>created(URI.create("/api/knowledge/items/" + item.id))
                        .entity(KnowledgeItemResponse.of(item)).build());
    }

    @POST
    @Path("/items/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @ResponseStatus(202)
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Upload a document (.txt, .md, .html, .pdf, .docx)", description = "202 with the item (PROCESSING) "
            + "and its job; follow GET /api/knowledge/jobs/{id}. 413 over the size limit; a file that cannot be read ends "
            + "FAILED with the reason and nothing indexed.")
    public Uni<UploadResponse> upload(@RestForm("file") FileUpload file, @RestForm @Size(max = 300) String title,
            @RestForm String tags) throws IOException {
        if (file == null) {
            throw new InvalidField("file", "the form needs a file field");
        }
        if (file.size() > uploads.maxBytes()) {
            throw new Uploads.TooLarge("the file is " + file.size() + " bytes; the limit is " + uploads.maxBytes());
        }
        byte[] bytes = Files.readAllBytes(file.uploadedFile());
        List<String> tagList = tags == null || tags.isBlank() ? List.of()
                : Arrays.stream(tags.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        return uploads.upload(tenant.orgId(), file.fileName(), bytes, title, tagList)
                .map(accepted -> new UploadResponse(KnowledgeItemResponse.of(accepted.item()), JobResponse.of(accepted.job())));
    }

    @GET
    @Path("/jobs/{id}")
    @Operation(summary = "A document's processing job")
    public Uni<JobResponse> job(@RestPath UUID id) {
        UUID orgId = tenant.orgId();
        return Panache.withSession(() -> IngestionJob.<IngestionJob>find("id = ?1 and orgId = ?2", id, orgId).firstResult())
                .map(job -> {
                    if (job == null) {
                        throw new NotFound("no job " + id);
                    }
                    return JobResponse.of(job);
                });
    }

    @GET
    @Path("/items")
    @Operation(summary = "List knowledge items, most recently changed first; kind FAQ, TEXT or DOCUMENT; q in title or question; "
            + "tag one of the item's tags; enabled true or false")
    public Uni<PageResponse<KnowledgeItemResponse>> list(@QueryParam("kind") String kind, @QueryParam("q") @Size(max = 100) String q,
            @QueryParam("tag") @Size(max = 50) String tag, @QueryParam("enabled") Boolean enabled,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        return knowledge.list(tenant.orgId(), kind, q, tag, enabled, page, size).map(found -> found.map(KnowledgeItemResponse::of));
    }

    @GET
    @Path("/items/{id}")
    @Operation(summary = "One knowledge item")
    public Uni<KnowledgeItemResponse> get(@RestPath UUID id) {
        return knowledge.get(tenant.orgId(), id).map(KnowledgeItemResponse::of);
    }

    @PATCH
    @Path("/items/{id}")
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Change a knowledge item", description = "A changed text is chunked and embedded again; search sees "
            + "the change when this answers. enabled=false takes it out of search and answers.")
    public Uni<KnowledgeItemResponse> update(@RestPath UUID id, @Valid @NotNull ChangeRequest request) {
        return knowledge.update(tenant.orgId(), id, new KnowledgeBase.Changes(request.title(), request.question(),
                request.answer(), request.body(), request.tags(), request.enabled(), request.phrasings(), request.resolvesGaps()))
                .map(KnowledgeItemResponse::of);
    }

    @DELETE
    @Path("/items/{id}")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Delete a knowledge item", description = "Gone from search and answers when this answers 204.")
    public Uni<Void> delete(@RestPath UUID id) {
        return knowledge.delete(tenant.orgId(), id);
    }

    @ServerExceptionMapper
    public Response tooLarge(Uploads.TooLarge tooLarge) {
        return ProblemMappers.problem(Response.Status.REQUEST_ENTITY_TOO_LARGE, tooLarge.getMessage()).build().toResponse();
    }
}
