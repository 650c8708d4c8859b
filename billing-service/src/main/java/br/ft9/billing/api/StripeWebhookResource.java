package br.ft9.billing.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import br.ft9.billing.domain.StripeWebhooks;
import io.smallrye.mutiny.Uni;

/** Stripe's webhook endpoint: authenticated by its signature alone; 200 once the event is applied (or known). */
@Path("/webhooks/stripe")
@PermitAll
public class StripeWebhookResource {

    private final StripeWebhooks webhooks;

    public StripeWebhookResource(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Stripe events", description = "Stripe-Signature is verified over the raw body (400 when bad or older "
            + "than five minutes, nothing stored); each event is applied once; unknown types are acknowledged.")
    public Uni<Response> receive(@HeaderParam("Stripe-Signature") String signature, String payload) {
        return webhooks.receive(payload == null ? "" : payload, signature).replaceWith(Response.ok().build());
    }
}
