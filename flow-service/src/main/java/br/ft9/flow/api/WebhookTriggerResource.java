package br.ft9.flow.api;

import java.time.Clock;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import br.ft9.common.errors.ProblemMappers;
import br.ft9.flow.domain.ActiveAutomations;
import br.ft9.flow.domain.Automation;
import br.ft9.flow.domain.Limits;
import br.ft9.flow.domain.RunStarter;
import br.ft9.flow.domain.TriggerSignature;
import io.smallrye.mutiny.Uni;

/**
 * An automation's own URL for its organisation's systems (a clinic's scheduling system, a school's finance system):
 * the body, signed with the automation's secret and the time ({@code X-FT9-Signature: t=<unix seconds>,sha256=<hex
 * HMAC-SHA256 of "<t>." and the raw body>}, see {@link TriggerSignature}; older than five minutes is a replay),
 * becomes the trigger's data; {@code waId} and {@code name} in it name the contact. An optional {@code Idempotency-Key}
 * makes a repeated call start nothing new; without one, the same signed call replayed starts nothing either.
 */
@Path("/webhooks/flow")
public class WebhookTriggerResource {

    private final ActiveAutomations automations;
    private final RunStarter runs;
    private final ObjectMapper json;
    private final Clock clock;

    public WebhookTriggerResource(ActiveAutomations automations, RunStarter runs, ObjectMapper json, Clock clock) {
        this.automations = automations;
        this.runs = runs;
        this.clock = clock;
        this.json = json;
    }

    @POST
    @Path("/{automationId}")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an automation with a webhook trigger", description = "202 when the run is started; 401 "
            + "for a missing, wrong or older than five minutes signature and 404 for an automation that is not an active webhook automation (the "
            + "same answer for both unknown and inactive, so that ids cannot be probed).")
    public Uni<Response> trigger(@RestPath UUID automationId, byte[] body, @HeaderParam("X-FT9-Signature") String signature,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        // The automation from its kept copy, and every check before a transaction: a refused call writes nothing.
        return automations.webhook(automationId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(ProblemMappers.problem(Response.Status.NOT_FOUND, "no active webhook automation "
                        + automationId).build().toResponse());
            }
            Automation automation = found.get();
            if (body.length > Limits.TRIGGER_BODY) {
                return Uni.createFrom().item(ProblemMappers.problem(Response.Status.REQUEST_ENTITY_TOO_LARGE, "the body is "
                        + body.length + " bytes; an automation's webhook takes at most " + Limits.TRIGGER_BODY).build().toResponse());
            }
            if (!TriggerSignature.matches(automation.webhookSecret, body, signature, clock.instant())) {
                return Uni.createFrom().item(ProblemMappers.problem(Response.Status.UNAUTHORIZED,
                        "missing, invalid or expired X-FT9-Signature (t=<unix seconds>,sha256=<HMAC of \"<t>.<body>\">)")
                        .build().toResponse());
            }
            JsonNode data;
            try {
                data = json.readTree(body);
            } catch (Exception e) {
                data = null;
            }
            if (data == null || !data.isObject()) {
                return Uni.createFrom().item(ProblemMappers.problem(Response.Status.BAD_REQUEST, "the body must be a JSON object")
                        .build().toResponse());
            }
            ObjectNode facts = json.createObjectNode();
            ObjectNode trigger = facts.putObject("trigger");
            trigger.setAll((ObjectNode) data);
            trigger.put("type", "webhook");
            String waId = data.path("waId").asText(null);
            if (waId != null) {
                facts.putObject("contact").put("waId", waId).put("name", data.path("name").asText(null));
            }
            // Without an Idempotency-Key the signature itself names the call (it signs the time and the body): the same
            // signed call replayed inside its five minutes finds its run already there and starts nothing.
            String eventId = idempotencyKey != null && !idempotencyKey.isBlank() ? "webhook:" + idempotencyKey
                    : "webhook-signature:" + TriggerSignature.fingerprint(signature);
            return runs.startAndCarry(automation, eventId, waId, facts).map(started -> Response.accepted()
                    .entity(json.createObjectNode().put("started", started)).build());
        });
    }
}
