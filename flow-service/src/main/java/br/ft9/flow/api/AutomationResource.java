package br.ft9.flow.api;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.common.api.PageResponse;
import br.ft9.common.errors.InvalidField;
import br.ft9.common.errors.ProblemMappers;
import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.flow.domain.AnnouncedClaims;
import br.ft9.flow.domain.Automation;
import br.ft9.flow.domain.definition.InvalidDefinition;
import br.ft9.flow.domain.Automations;
import br.ft9.flow.domain.Run;
import br.ft9.flow.domain.RunHistory;
import br.ft9.flow.domain.StarterTemplates;
import io.smallrye.mutiny.Uni;

/** The organisation's automations and their runs. Admins and managers change them; everyone reads them. */
@Path("/api/automations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME })
public class AutomationResource {

    private final Automations automations;
    private final AnnouncedClaims claims;
    private final RunHistory runs;
    private final TenantContext tenant;
    private final ObjectMapper json;

    public AutomationResource(Automations automations, AnnouncedClaims claims, RunHistory runs, TenantContext tenant, ObjectMapper json) {
        this.claims = claims;
        this.runs = runs;
        this.automations = automations;
        this.tenant = tenant;
        this.json = json;
    }

    /** Body of a new automation. */
    public record NewAutomation(@NotBlank String name, @NotNull JsonNode definition, String status, Boolean oncePerContact) {
    }

    /** Body of a change; fields left out stay. A new definition is a new version. */
    public record Change(String name, JsonNode definition, String status, Boolean oncePerContact) {
    }

    /** Body of a creation from a starting template. */
    public record FromTemplate(@NotBlank String template, String name, String status) {
    }

    /**
     * An automation; {@code webhook} (the URL path and the secret that signs calls to it) only for webhook automations and
     * only to admins and managers; {@code assistantStaysSilent}: while it is active, the assistant leaves the messages it
     * matches to it (it answers them whatever happens).
     */
    public record AutomationResponse(UUID id, String name, String status, int version, String triggerType, JsonNode definition,
            boolean oncePerContact, Webhook webhook, OffsetDateTime createdAt, OffsetDateTime updatedAt, boolean assistantStaysSilent) {
    }

    /** Where an organisation's system calls a webhook automation, and the secret it signs the body with (HMAC-SHA256). */
    public record Webhook(String path, String secret) {
    }

    public record RunResponse(UUID id, UUID automationId, int version, String status, int step, int attempts, String contactWaId,
            String error, OffsetDateTime dueAt, OffsetDateTime createdAt, OffsetDateTime updatedAt, JsonNode facts,
            List<StepResponse> steps, String skipReason) {
    }

    public record StepResponse(int step, String type, String path, String status, String output, String error, int attempts,
            OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    }

    @POST
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Create an automation", description = "The definition is checked on save; a 400 lists every problem "
            + "with the path of its field (e.g. steps[1].template.name). Status DRAFT (default), ACTIVE or PAUSED.")
    public Uni<RestResponse<AutomationResponse>> create(@Valid @NotNull NewAutomation request) {
        return automations.create(tenant.orgId(), request.name(), request.definition(), request.status(),
                Boolean.TRUE.equals(request.oncePerContact())).map(this::created);
    }

    @GET
    @Path("/templates")
    @Operation(summary = "Automations to start from")
    public List<StarterTemplates.Template> templates() {
        return StarterTemplates.all();
    }

    @GET
    @Path("/usage")
    @Operation(summary = "This month's automation runs and the plan's limit", description = "Past the limit, triggers start no "
            + "run until the next month or a bigger plan; limit null: not known yet (not limited).")
    public Uni<Automations.RunUse> usage() {
        return automations.runUse(tenant.orgId());
    }

    @POST
    @Path("/from-template")
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Create an automation from a template")
    public Uni<RestResponse<AutomationResponse>> fromTemplate(@Valid @NotNull FromTemplate request) {
        StarterTemplates.Template template = StarterTemplates.find(request.template());
        if (template == null) {
            throw new InvalidField("template", "no template " + request.template() + "; see GET /api/automations/templates");
        }
        return automations.create(tenant.orgId(), request.name() == null ? template.name() : request.name(), template.definition(),
                request.status(), template.oncePerContact()).map(this::created);
    }

    @GET
    @Path("/runs")
    @Operation(summary = "Every run of the organisation, newest first", description = "Narrowed by automation, status "
            + "(READY, RUNNING, SUCCEEDED, FAILED, SKIPPED) and creation time (since inclusive, until exclusive, ISO-8601).")
    public Uni<PageResponse<RunResponse>> allRuns(@QueryParam("automation") UUID automation, @QueryParam("status") String status,
            @QueryParam("since") String since, @QueryParam("until") String until, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        Automations.RunFilter filter = new Automations.RunFilter(automation, runStatus(status), instant("since", since),
                instant("until", until));
        return automations.runs(tenant.orgId(), filter, page, size).map(found -> found.map(r -> run(r, null)));
    }

    @GET
    @Operation(summary = "The organisation's automations, most recently changed first")
    public Uni<PageResponse<AutomationResponse>> list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return automations.list(tenant.orgId(), page, size).map(found -> found.map(this::response));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One automation")
    public Uni<AutomationResponse> get(@RestPath UUID id) {
        return automations.get(tenant.orgId(), id).map(this::response);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Change an automation", description = "A new definition makes a new version; runs in progress "
            + "finish on the version they started with.")
    public Uni<AutomationResponse> update(@RestPath UUID id, @Valid @NotNull Change change) {
        return automations.update(tenant.orgId(), id, new Automations.Changes(change.name(), change.definition(), change.status(),
                change.oncePerContact())).map(this::response);
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Delete an automation and its runs")
    public Uni<Void> delete(@RestPath UUID id) {
        return automations.delete(tenant.orgId(), id);
    }

    /** A kept version: its number, its definition and when it was saved. */
    public record VersionResponse(int version, JsonNode definition, OffsetDateTime createdAt) {
    }

    @GET
    @Path("/{id}/versions")
    @Operation(summary = "Every version of an automation's definition, newest first", description = "Runs finish on the version "
            + "they started with; an older version comes back by saving its definition (a new version).")
    public Uni<List<VersionResponse>> versions(@RestPath UUID id) {
        return automations.versions(tenant.orgId(), id)
                .map(found -> found.stream().map(v -> new VersionResponse(v.version(), tree(v.definition()), v.createdAt())).toList());
    }

    @GET
    @Path("/{id}/runs")
    @Operation(summary = "An automation's runs, newest first")
    public Uni<PageResponse<RunResponse>> runs(@RestPath UUID id, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return runs.runs(tenant.orgId(), id, page, size).map(found -> found.map(r -> run(r, null)));
    }

    @GET
    @Path("/{id}/runs/{runId}")
    @Operation(summary = "A run, with what each of its steps did")
    public Uni<RunResponse> run(@RestPath UUID id, @RestPath UUID runId) {
        return runs.run(tenant.orgId(), id, runId).map(found -> run(found.run(), found.steps().stream().map(s -> new StepResponse(
                s.step(), s.type(), s.path(), s.status(), s.output(), s.error(), s.attempts(), s.startedAt(), s.finishedAt())).toList()));
    }

    @POST
    @Path("/{id}/runs/{runId}/retry")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Retry a failed run from its failed step", description = "409 unless the run failed.")
    public Uni<RunResponse> retry(@RestPath UUID id, @RestPath UUID runId) {
        return runs.retry(tenant.orgId(), id, runId).map(run -> run(run, null));
    }

    @POST
    @Path("/{id}/runs/{runId}/replay")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Run the automation again with a run's original trigger data", description = "A new run, from the "
            + "first step of the automation's current version.")
    public Uni<RestResponse<RunResponse>> replay(@RestPath UUID id, @RestPath UUID runId) {
        return runs.replay(tenant.orgId(), id, runId).map(run -> RestResponse.ResponseBuilder.<RunResponse>created(
                URI.create("/api/automations/" + id + "/runs/" + run.id)).entity(run(run, null)).build());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidDefinition invalid) {
        return ProblemMappers.problem(Response.Status.BAD_REQUEST, invalid.getMessage())
                .with("violations", invalid.violations()).build().toResponse();
    }

    private RestResponse<AutomationResponse> created(Automation automation) {
        return RestResponse.ResponseBuilder.<AutomationResponse>created(URI.create("/api/automations/" + automation.id))
                .entity(response(automation)).build();
    }

    private AutomationResponse response(Automation a) {
        boolean mayKnowSecret = tenant.hasRole(Role.ORG_ADMIN) || tenant.hasRole(Role.ORG_MANAGER);
        Webhook webhook = "webhook".equals(a.triggerType) && mayKnowSecret ? new Webhook("/webhooks/flow/" + a.id, a.webhookSecret) : null;
        return new AutomationResponse(a.id, a.name, a.status, a.version, a.triggerType, tree(a.definition), a.oncePerContact,
                webhook, a.createdAt, a.updatedAt, claims.claimsWhenActive(a));
    }

    private RunResponse run(Run r, List<StepResponse> steps) {
        return new RunResponse(r.id, r.automationId, r.version, r.status, r.step, r.attempts, r.contactWaId, r.error, r.dueAt,
                r.createdAt, r.updatedAt, steps == null ? null : tree(r.facts), steps, r.skipReason);
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static Automations.RunStatus runStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Automations.RunStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidField("status", "status is one of " + java.util.Arrays.toString(Automations.RunStatus.values()));
        }
    }

    private static OffsetDateTime instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidField(field, field + " is a date and time with its offset, e.g. 2026-11-30T09:00:00-03:00");
        }
    }
}
