package br.ft9.gateway.api;

import java.io.IOException;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import br.ft9.gateway.domain.AppSecretWindow;
import br.ft9.gateway.domain.GatewaySettings;
import br.ft9.common.errors.ProblemMappers;
import br.ft9.gateway.domain.DeliveryStatuses;
import br.ft9.gateway.domain.InboundMessages;
import br.ft9.gateway.domain.WebhookAdmission;
import br.ft9.gateway.domain.WebhookPayload;
import io.smallrye.mutiny.Uni;

/**
 * Meta's WhatsApp Cloud API webhook: the verification handshake, and notifications whose signature
 * is checked on the raw bytes before anything is parsed, stored or published.
 */
@Path("/webhooks/whatsapp")
public class WhatsAppWebhookResource {

    private final AppSecretWindow signature;
    private final String verifyToken;
    private final InboundMessages inbound;
    private final DeliveryStatuses statuses;
    private final ObjectMapper json;
    private final WebhookAdmission admission;
    private final java.time.Clock clock;

    public WhatsAppWebhookResource(GatewaySettings settings, InboundMessages inbound, DeliveryStatuses statuses, ObjectMapper json,
            java.time.Clock clock) {
        this.signature = new AppSecretWindow(settings.appSecret(), settings.appSecretPrevious(), settings.appSecretPreviousUntil(),
                clock);
        this.clock = clock;
        this.verifyToken = settings.verifyToken();
        this.inbound = inbound;
        this.statuses = statuses;
        this.json = json;
        this.admission = new WebhookAdmission(settings.webhooksInFlight());
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Meta's verification handshake", description = "Echoes hub.challenge when hub.mode is subscribe and "
            + "hub.verify_token is ours; 403 otherwise.")
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        boolean ours = token != null && java.security.MessageDigest.isEqual(token.getBytes(), verifyToken.getBytes());
        if ("subscribe".equals(mode) && ours && challenge != null) {
            return Response.ok(challenge).build();
        }
        return ProblemMappers.problem(Response.Status.FORBIDDEN, "verification refused").build().toResponse();
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Meta's notifications (messages and statuses)", description = "401 without a valid "
            + "X-Hub-Signature-256, and nothing is stored or published. 200 as soon as the messages are stored. 503 with "
            + "Retry-After when too many are being handled at once (Meta delivers it again).")
    public Uni<Response> receive(byte[] body, @HeaderParam("X-Hub-Signature-256") String signed) {
        if (!admission.tryEnter()) {
            return Uni.createFrom().item(Response.fromResponse(ProblemMappers.problem(Response.Status.SERVICE_UNAVAILABLE,
                    "too many notifications at once; deliver it again shortly").build().toResponse()).header("Retry-After", "1").build());
        }
        return Uni.createFrom().deferred(() -> handle(body, signed)).onTermination().invoke(admission::leave);
    }

    private Uni<Response> handle(byte[] body, String signed) {
        if (!signature.judge(body, signed).accepted()) {
            return Uni.createFrom().item(ProblemMappers.problem(Response.Status.UNAUTHORIZED,
                    "missing or invalid X-Hub-Signature-256").build().toResponse());
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return Uni.createFrom().item(ProblemMappers.problem(Response.Status.BAD_REQUEST,
                    "the notification is not JSON").build().toResponse());
        }
        WebhookPayload.Parsed payload = WebhookPayload.parse(root, clock.instant());
        return inbound.accept(payload).chain(() -> statuses.apply(payload)).map(applied -> Response.ok().build());
    }
}
