package br.ft9.gateway.api;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import br.ft9.common.api.PageResponse;
import br.ft9.common.errors.ProblemMappers;
import br.ft9.common.errors.InvalidField;
import br.ft9.common.tenant.Role;
import br.ft9.common.tenant.TenantContext;
import br.ft9.gateway.domain.Conversation;
import br.ft9.gateway.domain.ConversationReport;
import br.ft9.gateway.domain.Reports;
import br.ft9.gateway.domain.TeamWords;
import br.ft9.gateway.domain.ConversationTemplates;
import br.ft9.gateway.domain.MessageTemplate;
import br.ft9.gateway.domain.Inbox;
import br.ft9.gateway.domain.Journeys;
import br.ft9.gateway.infra.GraphApiException;
import io.smallrye.mutiny.Uni;

/** The organisation's WhatsApp inbox: its people read, answer, take over, release, assign and close conversations. */
@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME, Role.ORG_AGENT_NAME })
public class ConversationResource {

    private final Inbox inbox;
    private final Journeys journeys;
    private final TenantContext tenant;
    private final ConversationTemplates templates;
    private final Reports reports;
    private final TeamWords words;

    public ConversationResource(Inbox inbox, Journeys journeys, TenantContext tenant, ConversationTemplates templates, Reports reports,
            TeamWords words) {
        this.words = words;
        this.templates = templates;
        this.reports = reports;
        this.inbox = inbox;
        this.journeys = journeys;
        this.tenant = tenant;
    }

    @GET
    @Operation(summary = "List conversations, most recent first", description = "status open (default), closed or all; "
            + "mode bot or human; assignee me, none or a user id; q searches the contact's name and number; label one label.")
    public Uni<PageResponse<ConversationResponse>> list(@QueryParam("status") @DefaultValue("open") String status,
            @QueryParam("mode") String mode, @QueryParam("assignee") String assignee, @QueryParam("q") @Size(max = 100) String q,
            @QueryParam("label") @Size(max = 30) String label,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        Inbox.Filter filter = new Inbox.Filter(status(status), mode(mode), assignee(assignee), "none".equals(assignee), q,
                label == null || label.isBlank() ? null : label.strip().toLowerCase(Locale.ROOT));
        return inbox.conversations(tenant.orgId(), filter, page, size).map(found -> found.map(ConversationResponse::of));
    }

    @GET
    @Path("/counts")
    @Operation(summary = "How many conversations each inbox tab holds", description = "waiting: handed off and nobody "
            + "assigned; mine: open and assigned to the caller; open; closed.")
    public Uni<Inbox.Counts> counts() {
        return inbox.counts(tenant.orgId(), tenant.userId());
    }

    @GET
    @Path("/report")
    @Operation(summary = "How the organisation's conversations went over its last 7 or 30 days", description = "Days in the "
            + "organisation's time zone, today included: conversations opened, answered by the assistant alone, handed to the "
            + "team, closed; the first reply's delay (any, and a person's) and the time until closed, median and p90, in seconds; "
            + "per day and in total; and each person's replies with their delay after the contact's message.")
    public Uni<ConversationReport> report(@QueryParam("days") @DefaultValue("7") int days) {
        return reports.lastDays(tenant.orgId(), days);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One conversation")
    public Uni<ConversationResponse> get(@RestPath UUID id) {
        return inbox.conversation(tenant.orgId(), id).map(ConversationResponse::of);
    }

    @GET
    @Path("/{id}/messages")
    @Operation(summary = "A conversation's messages, newest first, with their delivery status")
    public Uni<PageResponse<MessageResponse>> messages(@RestPath UUID id, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return inbox.messages(tenant.orgId(), id, page, size).map(found -> found.map(MessageResponse::of));
    }

    @GET
    @Path("/{id}/messages/{messageId}/journey")
    @Operation(summary = "Where a contact's message went", description = "Its reception and Meta's redeliveries, the "
            + "assistant's answer with its sources or the hand-off, the automations it started and how their runs ended, and "
            + "each reply sent for it with its delivery status, with times; built from the services' events.")
    public Uni<Journeys.Journey> journey(@RestPath UUID id, @RestPath UUID messageId) {
        return journeys.of(tenant.orgId(), id, messageId);
    }

    @POST
    @Path("/{id}/messages")
    @ResponseStatus(202)
    @Operation(summary = "Reply as an agent", description = "Queues a text reply (202); its status moves on as WhatsApp "
            + "reports it. A conversation the bot was answering is taken over first. 409 when the conversation is closed, "
            + "the contact opted out, or the 24-hour customer service window has closed.")
    public Uni<MessageResponse> reply(@RestPath UUID id, @Valid @NotNull ReplyRequest request) {
        return inbox.reply(tenant.orgId(), id, tenant.userId(), request.text()).map(MessageResponse::of);
    }

    @POST
    @Path("/{id}/notes")
    @ResponseStatus(201)
    @Operation(summary = "Write a private note in the conversation", description = "Shown to the team in the thread "
            + "(direction NOTE), never sent to the contact; 1 to 4096 characters.")
    public Uni<MessageResponse> note(@RestPath UUID id, @Valid @NotNull ReplyRequest request) {
        return words.note(tenant.orgId(), id, tenant.userId(), request.text()).map(MessageResponse::of);
    }

    @PUT
    @Path("/{id}/labels")
    @Operation(summary = "Set the conversation's labels", description = "At most 10, each 1 to 30 letters, digits, spaces, - "
            + "or _; stored lower case; the list's ?label= filters by one.")
    public Uni<ConversationResponse> labels(@RestPath UUID id, @Valid @NotNull LabelsRequest request) {
        return words.label(tenant.orgId(), id, request.labels()).map(ConversationResponse::of);
    }

    /** The conversation's labels, all of them. */
    public record LabelsRequest(@NotNull @Size(max = 10) List<@Size(max = 30) String> labels) {
    }

    @GET
    @Path("/labels")
    @Operation(summary = "Every label the organisation's conversations carry")
    public Uni<List<String>> allLabels() {
        return words.labels(tenant.orgId());
    }

    @GET
    @Path("/{id}/templates")
    @Operation(summary = "The approved templates this conversation's number may send", description = "Read from Meta "
            + "(GET /{waba-id}/message_templates): name, language, category, body with {{1}}, {{2}}... and how many values it takes.")
    public Uni<List<MessageTemplate>> templates(@RestPath UUID id) {
        return templates.available(tenant.orgId(), id);
    }

    @POST
    @Path("/{id}/template")
    @ResponseStatus(202)
    @Operation(summary = "Send an approved template as an agent", description = "The only message WhatsApp accepts once the "
            + "24-hour window has closed. Checked against the account's approved templates: 400 naming name or parameters; "
            + "409 when the conversation is closed or the contact opted out. A conversation the bot was answering is taken over.")
    public Uni<MessageResponse> sendTemplate(@RestPath UUID id, @Valid @NotNull TemplateRequest request) {
        return templates.send(tenant.orgId(), id, tenant.userId(), request.name(), request.language(), request.parameters())
                .map(MessageResponse::of);
    }

    /** An approved template by name and language, with the values of its placeholders in order. */
    public record TemplateRequest(@NotBlank @Size(max = 512) String name, @NotBlank @Size(max = 15) String language,
            @Size(max = 20) List<String> parameters) {
    }

    @POST
    @Path("/{id}/take-over")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Take the conversation over", description = "Human mode: the assistant and automations stop "
            + "answering it until it is released. The caller becomes the assignee if nobody is.")
    public Uni<ConversationResponse> takeOver(@RestPath UUID id) {
        return inbox.takeOver(tenant.orgId(), id, tenant.userId()).map(ConversationResponse::of);
    }

    @POST
    @Path("/{id}/release")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Give the conversation back to the assistant", description = "Bot mode, nobody assigned.")
    public Uni<ConversationResponse> release(@RestPath UUID id) {
        return inbox.release(tenant.orgId(), id, tenant.userId()).map(ConversationResponse::of);
    }

    @POST
    @Path("/{id}/assign")
    @RolesAllowed({ Role.ORG_ADMIN_NAME, Role.ORG_MANAGER_NAME })
    @Operation(summary = "Assign the conversation to a member (ORG_MANAGER, ORG_ADMIN)", description = "The assignee "
            + "answers it in person (human mode). 400 if the assignee is not an active member of the organisation.")
    public Uni<ConversationResponse> assign(@RestPath UUID id, @Valid @NotNull AssignRequest request) {
        return inbox.assign(tenant.orgId(), id, request.assigneeId(), tenant.userId()).map(ConversationResponse::of);
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Close the conversation", description = "The contact's next message opens a new one, answered by "
            + "the assistant.")
    public Uni<ConversationResponse> close(@RestPath UUID id) {
        return inbox.close(tenant.orgId(), id, tenant.userId()).map(ConversationResponse::of);
    }

    @GET
    @Path("/outbox")
    @Operation(summary = "The local outbox", description = "Messages that did not leave because the suite runs without "
            + "Meta credentials (WHATSAPP_OUTBOUND_DELIVERY=local), newest first. Empty when messages go to WhatsApp.")
    public Uni<PageResponse<MessageResponse>> outbox(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        return inbox.localOutbox(tenant.orgId(), page, size).map(found -> found.map(MessageResponse::of));
    }

    /** Body of an agent's reply. */
    public record ReplyRequest(@NotBlank @Size(max = 4096) String text) {
    }

    /** Body of an assignment. */
    public record AssignRequest(@NotNull UUID assigneeId) {
    }

    private static String status(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "open" -> Conversation.OPEN;
            case "closed" -> Conversation.CLOSED;
            case "all" -> null;
            default -> throw new InvalidField("status", "status is open, closed or all");
        };
    }

    private static String mode(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "bot" -> Conversation.BOT;
            case "human" -> Conversation.HUMAN;
            default -> throw new InvalidField("mode", "mode is bot or human");
        };
    }

    private UUID assignee(String value) {
        if (value == null || "none".equals(value)) {
            return null;
        }
        if ("me".equals(value)) {
            return tenant.userId();
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidField("assignee", "assignee is me, none or a user id");
        }
    }

    /** Meta's failure is not the caller's: 502 with what Meta said (the template list comes from the Graph API). */
    @ServerExceptionMapper
    public Response graphFailed(GraphApiException failure) {
        return ProblemMappers.problem(Response.Status.BAD_GATEWAY, "WhatsApp did not answer: " + failure.getMessage())
                .build().toResponse();
    }

    /** Meta has been failing (circuit open) or did not answer in time. */
    @ServerExceptionMapper
    public Response graphUnavailable(org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException failure) {
        return ProblemMappers.problem(Response.Status.BAD_GATEWAY, "WhatsApp is not answering right now; try again in a moment")
                .build().toResponse();
    }
}
